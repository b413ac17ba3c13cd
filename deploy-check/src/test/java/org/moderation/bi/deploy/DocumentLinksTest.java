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
 * Users clone only this repository: every relative link of the documents the platform team and users read (the
 * README, deploy/README.md and the pages of docs/ the README leads to) leads to a file inside it (not to ../shared or a
 * path of the machine it was written on), and a link to a heading of a markdown file to a heading it has.
 */
class DocumentLinksTest {

    private static final Path ROOT = Kustomize.DEPLOY.getParent();
    /** A markdown link or image: [text](target) or ![alt](target), target up to a space, ')' or '#'. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s#]*)(#[^)\\s]*)?\\)");

    static Stream<String> documents() throws IOException {
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            List<String> docs = pages.map(p -> "docs/" + p.getFileName()).filter(name -> name.endsWith(".md")).sorted()
                    .toList();
            assertThat(docs).as("the pages of docs/").isNotEmpty();
            return Stream.concat(Stream.of("README.md", "deploy/README.md"), docs.stream());
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyRelativeLinkLeadsToAFileOfTheRepository(String document) throws IOException {
        Path file = ROOT.resolve(document);
        String markdown = Files.readString(file);
        List<String> targets = links(markdown);
        assertThat(targets).as("links in %s", document).isNotEmpty();
        for (String target : targets) {
            Path resolved = file.getParent().resolve(target).normalize();
            assertThat(resolved).as("%s links to %s", document, target).startsWith(ROOT).exists();
        }
        Matcher link = LINK.matcher(markdown);
        while (link.find()) {
            String target = link.group(1);
            String anchor = link.group(2);
            if (anchor == null || target.matches("[a-z]+:.*") || !(target.isEmpty() || target.endsWith(".md"))) {
                continue;
            }
            Path page = target.isEmpty() ? file : file.getParent().resolve(target).normalize();
            assertThat(headings(Files.readString(page))).as("%s links to %s%s", document, target, anchor)
                    .contains(anchor.substring(1));
        }
    }

    /** The anchors GitHub makes of a markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static List<String> headings(String markdown) {
        return markdown.lines().filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[`*_]", "").replaceAll("[^\\p{L}\\p{N}\\- ]", "").replace(' ', '-'))
                .toList();
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
