package org.moderation.bi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Users clone only this repository: every relative link of the documents the platform team and users read leads to
 * a file inside it (not to ../shared or a path of the machine it was written on).
 */
class DocumentLinksTest {

    private static final Path ROOT = Kustomize.DEPLOY.getParent();
    /** A markdown link or image: [text](target) or ![alt](target), target up to a space, ')' or '#'. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s#]*)(#[^)\\s]*)?\\)");

    static Stream<String> documents() {
        return Stream.of("README.md", "deploy/README.md");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyRelativeLinkLeadsToAFileOfTheRepository(String document) throws IOException {
        Path file = ROOT.resolve(document);
        List<String> targets = links(Files.readString(file));
        assertThat(targets).as("links in %s", document).isNotEmpty();
        for (String target : targets) {
            Path resolved = file.getParent().resolve(target).normalize();
            assertThat(resolved).as("%s links to %s", document, target).startsWith(ROOT).exists();
        }
    }

    /** The relative targets (not URLs, not anchors within the document). */
    private static List<String> links(String markdown) {
        var targets = new ArrayList<String>();
        Matcher link = LINK.matcher(markdown);
        while (link.find()) {
            String target = link.group(1);
            if (!target.isEmpty() && !target.matches("[a-z]+:.*")) {
                targets.add(target);
            }
        }
        return targets;
    }
}
