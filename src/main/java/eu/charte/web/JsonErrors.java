package eu.charte.web;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;

/** Finds the JSON field an unreadable body stumbled on, to name it in the problem document. */
final class JsonErrors {

    private JsonErrors() {
    }

    static String field(HttpMessageNotReadableException ex) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof JacksonException je && !je.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference ref : je.getPath()) {
                    if (ref.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }
}
