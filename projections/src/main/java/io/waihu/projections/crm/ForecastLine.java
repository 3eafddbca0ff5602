package io.waihu.projections.crm;

import java.math.BigDecimal;

/**
 * One month and currency of the forecast: {@code weighted} is Σ amount × probability of
 * the open opportunities expected to close that month, {@code won} what already closed won,
 * {@code pipeline} the unweighted open amount.
 */
public record ForecastLine(String month, String currency, BigDecimal weighted, BigDecimal pipeline, BigDecimal won,
        long openCount) {
}
