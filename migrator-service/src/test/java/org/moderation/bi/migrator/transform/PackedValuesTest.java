package org.moderation.bi.migrator.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackedValuesTest {

    @Test
    void normalizesAndDeduplicatesCategoryCodes() {
        assertThat(PackedValues.categoryCodes(" Holocaust_Denial;conspiracy;;CONSPIRACY"))
                .containsExactly("holocaust_denial", "conspiracy");
    }

    @Test
    void keepsNewlyCoinedCodesAndFoldsInnerWhitespace() {
        assertThat(PackedValues.categoryCodes("new_trope_17 ; Holocaust  Denial;holocaust_denial; ;"))
                .containsExactly("new_trope_17", "holocaust_denial");
    }

    @Test
    void emptyOrMissingCategoriesAreNone() {
        assertThat(PackedValues.categoryCodes(null)).isEmpty();
        assertThat(PackedValues.categoryCodes("")).isEmpty();
        assertThat(PackedValues.categoryCodes(" ; ;; ")).isEmpty();
    }

    @Test
    void splitsHashtagsOnSpacesAndCommasWithOrWithoutHash() {
        assertThat(PackedValues.hashtags("#Jews #NWO,globalists")).containsExactly("jews", "nwo", "globalists");
        assertThat(PackedValues.hashtags("#jews  JEWS,#Nwo , ,")).containsExactly("jews", "nwo");
        assertThat(PackedValues.hashtags("#a#b ##c")).containsExactly("a", "b", "c");
    }

    @Test
    void lowerCasesUnicodeHashtagsWithoutLosingThem() {
        assertThat(PackedValues.hashtags("#Jüdisch #ＮＷＯ")).containsExactly("jüdisch", "nwo");
    }

    @Test
    void emptyOrMissingHashtagsAreNone() {
        assertThat(PackedValues.hashtags(null)).isEmpty();
        assertThat(PackedValues.hashtags(" # , ")).isEmpty();
    }
}
