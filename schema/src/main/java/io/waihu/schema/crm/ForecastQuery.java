package io.waihu.schema.crm;

import java.time.YearMonth;

/**
 * The weighted forecast: per expected-close month and currency, the sum of amount x win
 * probability of open opportunities, plus what was already won. Optional owner/team scope.
 */
public record ForecastQuery(YearMonth from, YearMonth to, String ownerId, String team) {
}
