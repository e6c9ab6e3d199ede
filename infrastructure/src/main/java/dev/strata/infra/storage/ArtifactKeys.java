package dev.strata.infra.storage;

/** Object keys in the artefact bucket, shared by the uploads and the hosts' boot scripts. */
public record ArtifactKeys(String releaseVersion) {
    public static final String MONITORING_PREFIX = "monitoring/";

    public String releasePrefix() {
        return "releases/" + releaseVersion + "/";
    }

    public String serviceJar() {
        return releasePrefix() + "strata-service.jar";
    }

    public String fixesJar() {
        return releasePrefix() + "deployment-fixes.jar";
    }

    public String consolePrefix() {
        return releasePrefix() + "console/";
    }
}
