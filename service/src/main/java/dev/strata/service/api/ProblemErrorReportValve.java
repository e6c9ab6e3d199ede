package dev.strata.service.api;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat answers some requests itself, before any servlet runs: undecodable or unsafe URLs
 * ({@code %00}, {@code %2F}, {@code %FF}, bad escapes) and TRACE. Its stock valve renders those as
 * an HTML page (or an empty 405); this one writes the same problem JSON as {@link ProblemHandler},
 * so every 4xx of the server has one format.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
            return;
        }
        if (response.isError() && !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        boolean serverError = code >= 500;
        String type = serverError ? "internal-error" : code == 405 ? "method-not-allowed" : code == 404 ? "not-found" : "bad-request";
        String title = status == null ? "HTTP " + code : status.getReasonPhrase();
        String detail = serverError ? "The server failed to handle the request."
                : "The request could not be processed: " + title + " (the URL or method is not acceptable).";
        // Built by hand: the valve runs outside Spring, and every value here is a constant or a number.
        String body = "{\"type\":\"" + Problems.TYPE_BASE + type + "\",\"title\":\"" + title + "\",\"status\":" + code
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response cannot take a body; nothing more to do.
        }
    }
}
