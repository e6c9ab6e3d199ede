package dev.strata.service.admin.stats;

import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ExitCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hit ratios per tier as a running server counts them (strata_tier_hits_total / strata_tier_misses_total
 * on /actuator/prometheus). They are per instance and since its start; the server does not count per tenant.
 */
final class ServerHitRatios {

    private static final Pattern SAMPLE = Pattern.compile("^strata_tier_(hits|misses)_total\\{[^}]*tier=\"([a-z]+)\"[^}]*}\\s+(\\S+)");

    private ServerHitRatios() {
    }

    /** tier → {hits, misses, ratio}. */
    static Map<String, Map<String, Object>> fetch(String baseUrl) {
        String text;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/+$", "")
                    + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AdminFailure(ExitCode.UNAVAILABLE, baseUrl + "/actuator/prometheus answered " + response.statusCode() + ".");
            }
            text = response.body();
        } catch (IOException | IllegalArgumentException e) {
            throw new AdminFailure(ExitCode.UNAVAILABLE, "Cannot read metrics from " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminFailure(ExitCode.UNAVAILABLE, "Interrupted while reading metrics.");
        }
        Map<String, double[]> counts = new TreeMap<>();
        text.lines().forEach(line -> {
            Matcher m = SAMPLE.matcher(line);
            if (m.find()) {
                counts.computeIfAbsent(m.group(2), t -> new double[2])[m.group(1).equals("hits") ? 0 : 1] += Double.parseDouble(m.group(3));
            }
        });
        Map<String, Map<String, Object>> ratios = new TreeMap<>();
        counts.forEach((tier, c) -> ratios.put(tier, Map.of("hits", (long) c[0], "misses", (long) c[1],
                "hitRatio", c[0] + c[1] == 0 ? 0.0 : Math.round(c[0] / (c[0] + c[1]) * 1000) / 1000.0)));
        return ratios;
    }
}
