package io.waihu.backend.dialer.campaigns;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.waihu.backend.dialer.policy.CalleeTimeZones;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of a campaign's caller IDs to present to a callee. People answer a local number more
 * readily, and some carriers refuse a caller ID from another country, so the closest one wins:
 * <ol>
 * <li>the same area code (country code + libphonenumber's geographical area code: {@code +86 10}
 * Beijing, {@code +1 212} New York);</li>
 * <li>the same region: the same time zones (libphonenumber's, as the dial policy uses them:
 * {@code +1 212} and {@code +1 917} are both New York);</li>
 * <li>the same country;</li>
 * <li>any.</li>
 * </ol>
 * Among equally close ones, {@code sequence} (a counter the caller keeps, e.g. the attempt's
 * number) picks in turn, spreading calls over the pool. Pure: no clock, no randomness, no I/O;
 * the pool is parsed once.
 */
public final class CallerIdChooser {

    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

    private final List<Candidate> pool;
    private final CalleeTimeZones zones;

    private record Candidate(String e164, Place place) {
    }

    /** Where a number is, as far as the chooser compares: empty parts when unknown. */
    private record Place(int countryCode, String areaCode, List<ZoneId> zones) {

        int closeness(Place other) {
            if (countryCode == 0 || countryCode != other.countryCode) {
                return 0;
            }
            if (!areaCode.isEmpty() && areaCode.equals(other.areaCode)) {
                return 3;
            }
            if (!zones.isEmpty() && zones.equals(other.zones)) {
                return 2;
            }
            return 1;
        }
    }

    public CallerIdChooser(List<String> callerIdPool, CalleeTimeZones zones) {
        this.zones = zones;
        List<Candidate> parsed = new ArrayList<>(callerIdPool.size());
        for (String e164 : callerIdPool) {
            parsed.add(new Candidate(e164, place(e164)));
        }
        this.pool = List.copyOf(parsed);
    }

    /** The caller ID for a call to {@code callee} (E.164); empty only when the pool is. */
    public Optional<String> choose(String callee, long sequence) {
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        Place target = place(callee);
        int best = -1;
        List<String> closest = new ArrayList<>();
        for (Candidate candidate : pool) {
            int closeness = candidate.place().closeness(target);
            if (closeness > best) {
                best = closeness;
                closest.clear();
            }
            if (closeness == best) {
                closest.add(candidate.e164());
            }
        }
        return Optional.of(closest.get(Math.floorMod(sequence, closest.size())));
    }

    private Place place(String e164) {
        PhoneNumber number;
        try {
            number = NUMBERS.parse(e164, null);
        } catch (NumberParseException e) {
            return new Place(0, "", List.of());
        }
        int areaLength = NUMBERS.getLengthOfGeographicalAreaCode(number);
        String national = NUMBERS.getNationalSignificantNumber(number);
        String area = areaLength > 0 && areaLength <= national.length() ? national.substring(0, areaLength) : "";
        return new Place(number.getCountryCode(), area, zones.forNumber(e164));
    }
}
