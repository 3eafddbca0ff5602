package io.waihu.backend.dialer.engine;

import io.agroal.api.AgroalDataSource;
import io.waihu.backend.dialer.policy.Attempt;
import io.waihu.backend.dialer.policy.AttemptOutcome;
import io.waihu.backend.dialer.policy.CampaignState;
import io.waihu.backend.dialer.policy.DialFacts;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The attempt log in PostgreSQL ({@code dial_attempt}), shared by every campaign and node: an
 * attempt is inserted before its call is placed and gets its outcome when it ends, so the policy
 * sees attempts in progress at once, wherever they were started.
 *
 * <p>Numbers are stored as an HMAC-SHA256 under a key derived from the master key: equal numbers
 * match, the table reads back none, and it needs nothing from an erasure. An attempt still without
 * an outcome after {@link #STALE} (its node died before the call ended) counts as
 * {@link AttemptOutcome#FAILED}, so a crash cannot block a number for good.
 */
@Singleton
public class AttemptIndex implements AttemptLog {

    /** Longer than any ring time plus call; an attempt still open after this was cut by a crash. */
    static final Duration STALE = Duration.ofHours(6);

    private final AgroalDataSource dataSource;
    private final byte[] key;

    public AttemptIndex(AgroalDataSource dataSource,
            @ConfigProperty(name = "waihu.crypto.master-key") String masterKeyBase64) {
        this.dataSource = dataSource;
        this.key = hmac(Base64.getDecoder().decode(masterKeyBase64.trim()),
                "waihu dial attempt numbers v1".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public DialFacts facts(String campaignId, CampaignState state, String e164, Instant now) {
        Instant since = now.minus(DialFacts.LOOKBACK);
        List<Attempt> recent = new ArrayList<>();
        int inCampaign = 0;
        Attempt last = null;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT campaign_id, started_at, outcome FROM dial_attempt WHERE number_key = ?"
                                + " AND (started_at > ? OR campaign_id = ?) ORDER BY started_at")) {
            select.setBytes(1, numberKey(e164));
            select.setTimestamp(2, Timestamp.from(since));
            select.setString(3, campaignId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Instant at = rows.getTimestamp(2).toInstant();
                    String outcome = rows.getString(3);
                    Attempt attempt = new Attempt(at, rows.getString(1), outcome != null ? AttemptOutcome.valueOf(outcome)
                            : at.isBefore(now.minus(STALE)) ? AttemptOutcome.FAILED : null);
                    if (at.isAfter(since)) {
                        recent.add(attempt);
                    }
                    if (attempt.campaignId().equals(campaignId)) {
                        inCampaign++;
                        last = attempt;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the attempts of a number", e);
        }
        return new DialFacts(campaignId, state, inCampaign, last, recent);
    }

    @Override
    public void started(String campaignId, String e164, String callId, Instant at) {
        update("INSERT INTO dial_attempt (call_id, number_key, campaign_id, started_at) VALUES (?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, callId);
                    statement.setBytes(2, numberKey(e164));
                    statement.setString(3, campaignId);
                    statement.setTimestamp(4, Timestamp.from(at));
                });
    }

    @Override
    public void ended(String callId, AttemptOutcome outcome) {
        update("UPDATE dial_attempt SET outcome = ?, ended_at = now() WHERE call_id = ? AND outcome IS NULL",
                statement -> {
                    statement.setString(1, outcome.name());
                    statement.setString(2, callId);
                });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing the attempt log", e);
        }
    }

    byte[] numberKey(String e164) {
        return hmac(key, e164.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
