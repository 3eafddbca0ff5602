package io.waihu.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void cursorGivesBackItsParts() {
        String cursor = Page.cursor("Li Wei", "customer-1");

        assertThat(Page.parts(cursor, 2)).containsExactly("Li Wei", "customer-1");
    }

    @Test
    void cursorKeepsEmptyPartsAndNonAsciiText() {
        String cursor = Page.cursor("李伟", "", "");

        assertThat(Page.parts(cursor, 3)).containsExactly("李伟", "", "");
    }

    @Test
    void cursorIsSafeInAUrl() {
        String cursor = Page.cursor("??>>", "~~~");

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void cursorThatIsNotBase64IsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Page.parts("not a cursor!", 2));
    }

    @Test
    void cursorWithTheWrongNumberOfPartsIsRefused() {
        String threeParts = Page.cursor("a", "b", "c");

        assertThatIllegalArgumentException().isThrownBy(() -> Page.parts(threeParts, 2));
    }

    @Test
    void extraFetchedRowIsCutAndSaysMoreFollow() {
        Page<String> page = Page.of(List.of("a", "b", "c"), 2, Page::cursor);

        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.hasNextPage()).isTrue();
        assertThat(page.endCursor()).isEqualTo(Page.cursor("b"));
    }

    @Test
    void lastPageHasNoNextPage() {
        Page<String> page = Page.of(List.of("a", "b"), 2, Page::cursor);

        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.hasNextPage()).isFalse();
        assertThat(page.endCursor()).isEqualTo(Page.cursor("b"));
    }

    @Test
    void emptyPageHasNoCursor() {
        Page<String> page = Page.of(List.of(), 10, Page::cursor);

        assertThat(page.items()).isEmpty();
        assertThat(page.hasNextPage()).isFalse();
        assertThat(page.endCursor()).isNull();
    }
}
