package org.moderation.bi.shared.submission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenValuesTest {

    @Test
    void normalizesAndDeduplicatesCategoryCodes() {
        assertThat(OpenValues.categoryCodes(" Holocaust_Denial;conspiracy;;CONSPIRACY"))
                .containsExactly("holocaust_denial", "conspiracy");
    }

    @Test
    void keepsNewlyCoinedCodesAndFoldsInnerWhitespace() {
        assertThat(OpenValues.categoryCodes("new_trope_17 ; Holocaust  Denial;holocaust_denial; ;"))
                .containsExactly("new_trope_17", "holocaust_denial");
    }

    @Test
    void emptyOrMissingCategoriesAreNone() {
        assertThat(OpenValues.categoryCodes(null)).isEmpty();
        assertThat(OpenValues.categoryCodes("")).isEmpty();
        assertThat(OpenValues.categoryCodes(" ; ;; ")).isEmpty();
    }

    @Test
    void splitsHashtagsOnSpacesAndCommasWithOrWithoutHash() {
        assertThat(OpenValues.hashtags("#Jews #NWO,globalists")).containsExactly("jews", "nwo", "globalists");
        assertThat(OpenValues.hashtags("#jews  JEWS,#Nwo , ,")).containsExactly("jews", "nwo");
        assertThat(OpenValues.hashtags("#a#b ##c")).containsExactly("a", "b", "c");
    }

    @Test
    void lowerCasesUnicodeHashtagsWithoutLosingThem() {
        assertThat(OpenValues.hashtags("#Jüdisch #ＮＷＯ")).containsExactly("jüdisch", "nwo");
    }

    @Test
    void emptyOrMissingHashtagsAreNone() {
        assertThat(OpenValues.hashtags(null)).isEmpty();
        assertThat(OpenValues.hashtags(" # , ")).isEmpty();
    }

    @Test
    void aSingleValueIsWrittenAsTheMigratorKeepsItInAList() {
        assertThat(OpenValues.categoryCode(" Holocaust  Denial ")).isEqualTo("holocaust_denial")
                .isEqualTo(OpenValues.categoryCodes("Holocaust  Denial").getFirst());
        assertThat(OpenValues.hashtag("#NWO")).isEqualTo("nwo").isEqualTo(OpenValues.hashtags("#NWO").getFirst());
        assertThat(OpenValues.hashtag("## Jüdisch")).isEqualTo("jüdisch");
        assertThat(OpenValues.hashtag("ＮＷＯ")).isEqualTo("nwo");
        assertThat(OpenValues.language(" EN ")).isEqualTo("en");
        assertThat(OpenValues.language("pt_BR")).isEqualTo("pt-br");
        assertThat(OpenValues.classifierLabel(" Antisemitism")).isEqualTo("antisemitism");
    }

    @Test
    void nothingLeftIsNoValue() {
        assertThat(OpenValues.categoryCode("  ")).isNull();
        assertThat(OpenValues.hashtag(" # ")).isNull();
        assertThat(OpenValues.language("")).isNull();
        assertThat(OpenValues.classifierLabel(null)).isNull();
    }
}
