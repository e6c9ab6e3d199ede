package dev.strata.service.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One malformed request of the battery and the status it must get. {@code {tenant}} in the target
 * or body stands for the owner tenant's id, filled in when the request is sent.
 */
record BadRequest(String name, int expectedStatus, String method, byte[] target, Credentials credentials,
                  List<String> headers, byte[] body) {

    /** Whose credentials go into the Authorization header; NONE sends only what {@link #headers} hold. */
    enum Credentials { TENANT, ADMIN, NONE }

    static BadRequest of(String name, int expectedStatus, String method, String target) {
        return new BadRequest(name, expectedStatus, method, target.getBytes(StandardCharsets.UTF_8), Credentials.TENANT,
                List.of(), null);
    }

    /** A target given as raw bytes, e.g. invalid UTF-8. */
    static BadRequest ofRawTarget(String name, int expectedStatus, String method, byte[] target) {
        return new BadRequest(name, expectedStatus, method, target, Credentials.TENANT, List.of(), null);
    }

    BadRequest as(Credentials who) {
        return new BadRequest(name, expectedStatus, method, target, who, headers, body);
    }

    BadRequest header(String line) {
        List<String> more = new ArrayList<>(headers);
        more.add(line);
        return new BadRequest(name, expectedStatus, method, target, credentials, List.copyOf(more), body);
    }

    /** A body sent as application/json. */
    BadRequest json(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    BadRequest body(byte[] bytes, String contentType) {
        BadRequest withBody = new BadRequest(name, expectedStatus, method, target, credentials, headers, bytes);
        return contentType == null ? withBody : withBody.header("Content-Type: " + contentType);
    }

    @Override
    public String toString() {
        return name + " -> " + expectedStatus;
    }
}
