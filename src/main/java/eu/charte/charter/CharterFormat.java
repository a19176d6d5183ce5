package eu.charte.charter;

import java.util.Optional;
import org.springframework.http.MediaType;

/** The formats a charter is served in. */
public enum CharterFormat {
    HTML("html", MediaType.TEXT_HTML),
    MARKDOWN("md", MediaType.parseMediaType("text/markdown;charset=UTF-8")),
    TEXT("txt", MediaType.parseMediaType("text/plain;charset=UTF-8")),
    JSON("json", MediaType.APPLICATION_JSON);

    private final String extension;
    private final MediaType mediaType;

    CharterFormat(String extension, MediaType mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    public static Optional<CharterFormat> ofExtension(String extension) {
        for (CharterFormat f : values()) {
            if (f.extension.equals(extension)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** For the command line: "text", "markdown", "json", "html" (or an extension). */
    public static Optional<CharterFormat> ofName(String name) {
        return switch (name) {
            case "text", "txt" -> Optional.of(TEXT);
            case "markdown", "md" -> Optional.of(MARKDOWN);
            case "json" -> Optional.of(JSON);
            case "html" -> Optional.of(HTML);
            default -> Optional.empty();
        };
    }
}
