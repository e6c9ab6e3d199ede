package dev.strata.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's files as shipped (the directory the infrastructure uploads as a release): nothing
 * loaded from another origin, no way for server data to become markup, every import resolvable.
 */
class ConsoleFilesTest {

    private static final Path STATIC = Path.of("src", "main", "resources", "static");
    /** The SVG namespace is an identifier, never fetched. */
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    private static final Pattern IMPORT = Pattern.compile("from '([^']+)'");

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(STATIC)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void nothingComesFromAnotherOrigin() throws IOException {
        for (String suffix : List.of(".html", ".js", ".css", ".svg")) {
            for (Path file : files(suffix)) {
                String text = Files.readString(file).replace(SVG_NAMESPACE, "");
                assertThat(text).as(file.toString()).doesNotContain("http://", "https://", "//cdn", "@import");
            }
        }
    }

    @Test
    void scriptsNeverTurnTextIntoMarkupOrCode() throws IOException {
        List<Path> scripts = files(".js");
        assertThat(scripts).hasSizeGreaterThan(10);
        for (Path file : scripts) {
            assertThat(Files.readString(file)).as(file.toString())
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                            "setAttribute('style'", "localStorage.setItem");
        }
    }

    @Test
    void everyRelativeImportExists() throws IOException {
        for (Path file : files(".js")) {
            Matcher imports = IMPORT.matcher(Files.readString(file));
            while (imports.find()) {
                String target = imports.group(1);
                assertThat(target).as(file + " imports " + target).startsWith(".");
                assertThat(file.getParent().resolve(target).normalize()).as(file + " imports " + target).exists();
            }
        }
    }
}
