package eu.charte;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A small HTTP client for integration tests over real HTTP: it keeps cookies like a browser would (name to
 * value, deleting on Max-Age=0), never follows redirects, and exposes every raw {@code Set-Cookie} header so
 * that tests can check cookie attributes.
 */
public final class TestClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final List<String> allSetCookies = new ArrayList<>();

    public TestClient(int port) {
        this("http://localhost:" + port);
    }

    public TestClient(String base) {
        this.base = base;
    }

    /** A response, with the raw Set-Cookie headers it carried. */
    public record Response(int status, HttpResponse<String> raw, String body, List<String> setCookies) {

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public List<String> headers(String name) {
            return raw.headers().allValues(name);
        }

        /** The raw Set-Cookie header for that cookie name, if this response set it. */
        public Optional<String> setCookie(String name) {
            return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst();
        }

        /** Names of the cookies this response set (or deleted). */
        public List<String> setCookieNames() {
            return setCookies.stream().map(c -> c.substring(0, c.indexOf('='))).toList();
        }
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** Every Set-Cookie header this client has received, in order. */
    public List<String> allSetCookies() {
        return allSetCookies;
    }

    public TestClient withCookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    public Response get(String path, String... headers) {
        return send(builder(path, headers).GET());
    }

    public Response delete(String path, String... headers) {
        return send(builder(path, headers).DELETE());
    }

    /** A form POST; adds the CSRF form field from the csrftoken cookie when the client has one. */
    public Response postForm(String path, Map<String, String> fields, String... headers) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        cookie("csrftoken").ifPresent(t -> all.putIfAbsent("csrfmiddlewaretoken", t));
        return postFormRaw(path, all, headers);
    }

    /** A form POST exactly as given (no CSRF field added). */
    public Response postFormRaw(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(builder(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response postJson(String path, String json, String... headers) {
        return sendJson("POST", path, json, headers);
    }

    public Response putJson(String path, String json, String... headers) {
        return sendJson("PUT", path, json, headers);
    }

    public Response sendJson(String method, String path, String json, String... headers) {
        return send(builder(path, headers).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The X-CSRFToken header pair, read from the csrftoken cookie as a browser script would. */
    public String[] csrfHeader() {
        return new String[] {"X-CSRFToken", cookie("csrftoken").orElseThrow(() ->
                new AssertionError("no csrftoken cookie yet: load a page with a form first"))};
    }

    public HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return b;
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            allSetCookies.addAll(setCookies);
            for (String c : setCookies) {
                String pair = c.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                boolean deleted = value.isEmpty() || c.toLowerCase().contains("max-age=0");
                if (deleted) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Response(response.statusCode(), response, response.body(), setCookies);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
