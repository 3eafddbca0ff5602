package io.waihu.backend.crm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sales stages an opportunity moves through, in order, each with its win probability
 * in percent. {@code won} (100) and {@code lost} (0) always close the pipeline and cannot
 * be configured away. Configured as {@code waihu.pipeline.stages=lead:10,qualified:25,...}.
 */
public final class Pipeline {

    public static final String WON = "won";
    public static final String LOST = "lost";

    private final Map<String, Integer> openStages;

    public Pipeline(Map<String, Integer> openStages) {
        if (openStages.isEmpty()) {
            throw new IllegalArgumentException("the pipeline needs at least one open stage");
        }
        openStages.forEach((stage, probability) -> {
            if (stage.equals(WON) || stage.equals(LOST)) {
                throw new IllegalArgumentException("won and lost are the closing stages, not open ones");
            }
            if (probability < 0 || probability > 100) {
                throw new IllegalArgumentException("probability of " + stage + " must be 0..100");
            }
        });
        this.openStages = new LinkedHashMap<>(openStages);
    }

    /** Parses {@code lead:10,qualified:25}. */
    public static Pipeline parse(String spec) {
        Map<String, Integer> stages = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] nameAndProbability = part.trim().split(":");
            if (nameAndProbability.length != 2) {
                throw new IllegalArgumentException("stage must be name:probability, was " + part);
            }
            stages.put(nameAndProbability[0].trim(), Integer.parseInt(nameAndProbability[1].trim()));
        }
        return new Pipeline(stages);
    }

    public String firstStage() {
        return openStages.keySet().iterator().next();
    }

    public boolean isOpenStage(String stage) {
        return openStages.containsKey(stage);
    }

    public Optional<Integer> probability(String stage) {
        if (WON.equals(stage)) {
            return Optional.of(100);
        }
        if (LOST.equals(stage)) {
            return Optional.of(0);
        }
        return Optional.ofNullable(openStages.get(stage));
    }

    /** Every stage, open ones in order, then won and lost. */
    public List<Map.Entry<String, Integer>> stages() {
        List<Map.Entry<String, Integer>> all = new java.util.ArrayList<>(openStages.entrySet());
        all.add(Map.entry(WON, 100));
        all.add(Map.entry(LOST, 0));
        return List.copyOf(all);
    }
}
