package dev.strata.infra.plan;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prod plan must equal the reviewed snapshot: any change to the production infrastructure (a new
 * resource, a changed input) shows up here and has to be accepted deliberately.
 */
class ProdPlanGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/dev/strata/infra/plan/prod-plan.json");
    static final String REGENERATE = """
            The prod plan differs from %s.
            If the change is intended, regenerate the snapshot and review the diff before committing:
              ./mvnw -B -q -pl infrastructure test-compile exec:exec@plan -Dplan.stack=prod
              cp infrastructure/plan-out/plan.json infrastructure/%s
              git diff infrastructure/%s""".formatted(GOLDEN, GOLDEN, GOLDEN);

    @Test
    void prodPlanMatchesTheReviewedSnapshot() throws IOException {
        String actual = PlanJson.render(ShippedStacks.prod(), ShippedStacks.standInRoot());
        String expected = Files.readString(GOLDEN);

        assertThat(actual).as(REGENERATE).isEqualTo(expected);
    }

    @Test
    void planCarriesNoSecretValueAndNoMachinePath() {
        String plan = PlanJson.render(ShippedStacks.prod(), ShippedStacks.standInRoot());

        assertThat(plan).doesNotContain("planPlaceholder").doesNotContain(Path.of("").toAbsolutePath().toString())
                .contains("\"authToken\": \"[secret]\"").contains("${standIns}/service/strata-service-exec.jar");
    }
}
