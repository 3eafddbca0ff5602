package io.waihu.schema.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void nulAndOtherControlCharactersAreRefusedWithTheFieldNamed() {
        for (String bad : new String[] {"a\u0000b", "bell\u0007", "del\u007f", "nel\u0085", "csi\u009b"}) {
            assertThatThrownBy(() -> Text.check("name", bad, 200, Text.Lines.MULTI))
                    .isInstanceOfSatisfying(InvalidValue.class, e -> assertThat(e.field()).isEqualTo("name"));
        }
    }

    @Test
    void tabAndLineBreaksOnlyWhereAFieldIsMultiLine() {
        assertThat(Text.fault("two\nlines\tand\r", 100, Text.Lines.MULTI)).isNull();
        assertThat(Text.fault("two\nlines", 100, Text.Lines.SINGLE)).contains("U+000A");
        assertThat(Text.fault("para\u2029graph", 100, Text.Lines.SINGLE)).isNotNull();
    }

    @Test
    void unpairedSurrogatesAndNoncharactersAreRefusedPairedOnesKept() {
        assertThat(Text.fault("lone \ud800", 100, Text.Lines.MULTI)).contains("U+D800");
        assertThat(Text.fault("\udc00 lone", 100, Text.Lines.MULTI)).contains("U+DC00");
        assertThat(Text.fault("non\ufffe", 100, Text.Lines.MULTI)).isNotNull();
        assertThat(Text.fault("non\ufdd0", 100, Text.Lines.MULTI)).isNotNull();
        assertThat(Text.fault("x\ud83f\udffe", 100, Text.Lines.MULTI)).as("U+1FFFE").isNotNull();
        assertThat(Text.fault("\ud83d\ude00 王伟 Ελένη", 100, Text.Lines.SINGLE)).isNull();
    }

    @Test
    void bidirectionalMarksAreTextNotControl() {
        assertThat(Text.fault("\u200fשלום\u200e \u202bمرحبا\u202c", 100, Text.Lines.SINGLE)).isNull();
    }

    @Test
    void lengthIsBoundedByTheColumn() {
        assertThat(Text.fault("x".repeat(200), 200, Text.Lines.SINGLE)).isNull();
        assertThat(Text.fault("x".repeat(201), 200, Text.Lines.SINGLE)).contains("longer than 200");
        assertThat(Text.fault(null, 1, Text.Lines.SINGLE)).isNull();
    }
}
