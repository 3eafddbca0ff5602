package io.waihu.backend.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineTest {

    @Test
    void parsedStagesKeepTheirOrderAndProbabilities() {
        Pipeline pipeline = Pipeline.parse("lead:10, qualified : 25,proposal:50");

        assertThat(pipeline.firstStage()).isEqualTo("lead");
        assertThat(pipeline.stages()).containsExactly(Map.entry("lead", 10), Map.entry("qualified", 25),
                Map.entry("proposal", 50), Map.entry(Pipeline.WON, 100), Map.entry(Pipeline.LOST, 0));
        assertThat(pipeline.probability("qualified")).contains(25);
    }

    @Test
    void configuredStagesAreOpen() {
        Pipeline pipeline = Pipeline.parse("lead:10,qualified:25");

        assertThat(pipeline.isOpenStage("lead")).isTrue();
        assertThat(pipeline.isOpenStage("qualified")).isTrue();
        assertThat(pipeline.isOpenStage("proposal")).isFalse();
    }

    @Test
    void wonAndLostCloseEveryPipeline() {
        Pipeline pipeline = Pipeline.parse("lead:10");

        assertThat(pipeline.isOpenStage(Pipeline.WON)).isFalse();
        assertThat(pipeline.isOpenStage(Pipeline.LOST)).isFalse();
        assertThat(pipeline.probability(Pipeline.WON)).contains(100);
        assertThat(pipeline.probability(Pipeline.LOST)).contains(0);
    }

    @Test
    void unknownStageHasNoProbability() {
        assertThat(Pipeline.parse("lead:10").probability("dreaming")).isEmpty();
    }

    @Test
    void wonCannotBeConfiguredAsAnOpenStage() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pipeline.parse("lead:10,won:90"));
    }

    @Test
    void lostCannotBeConfiguredAsAnOpenStage() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pipeline.parse("lost:0,lead:10"));
    }

    @Test
    void stageWithoutProbabilityIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pipeline.parse("lead:10,qualified"));
    }

    @Test
    void stageWithTwoProbabilitiesIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pipeline.parse("lead:10:20"));
    }

    @Test
    void probabilityThatIsNotANumberIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pipeline.parse("lead:ten"));
    }

    @Test
    void probabilityAbove100IsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pipeline.parse("lead:101"));
    }

    @Test
    void negativeProbabilityIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pipeline.parse("lead:-1"));
    }

    @Test
    void emptyPipelineIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Pipeline(Map.of()));
    }

    @Test
    void emptySpecificationIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pipeline.parse(""));
    }
}
