package io.waihu.backend.dialer.policy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The time zones a phone number may ring in, as libphonenumber's
 * {@code PhoneNumberToTimeZonesMapper.getTimeZonesForNumber} answers: a geographical number
 * (fixed line, or a mobile where mobiles keep an area code) by the longest matching prefix of
 * country code + national number, any other valid number by its country code alone, an
 * invalid one not at all (libphonenumber's {@code Etc/Unknown}: an empty list here).
 *
 * <p>Why not the mapper itself: it lives in the {@code geocoder} artifact, and the registry this
 * project builds from does not serve it (geocoder 3.19, the one matching libphonenumber 9.0.19:
 * "could not find artifact"). Its data is one text file, so the same file, taken from
 * libphonenumber v9.0.19 ({@code resources/timezones/map_data.txt}, Apache 2.0, its header kept),
 * ships as {@code timezones.txt} beside this class, and this class repeats the mapper's lookup
 * (40 lines) over the number types libphonenumber itself computes. Bump both together.
 */
public final class CalleeTimeZones {

    private static final String RESOURCE = "timezones.txt";

    private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
    private final Map<String, List<ZoneId>> byPrefix;

    private CalleeTimeZones(Map<String, List<ZoneId>> byPrefix) {
        this.byPrefix = byPrefix;
    }

    /** The mapping shipped with the server (about 3,300 prefixes; read once, kept immutable). */
    public static CalleeTimeZones load() {
        try (InputStream in = CalleeTimeZones.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new CalleeTimeZones(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<ZoneId>> parse(BufferedReader lines) throws IOException {
        Map<String, List<ZoneId>> map = new HashMap<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            List<ZoneId> zones = new ArrayList<>();
            for (String zone : line.substring(bar + 1).split("&")) {
                zones.add(ZoneId.of(zone.strip()));
            }
            map.put(line.substring(0, bar).strip(), List.copyOf(zones));
        }
        return Map.copyOf(map);
    }

    /** The zones {@code e164} may ring in; empty when none is known (an invalid or unallocated number). */
    public List<ZoneId> forNumber(String e164) {
        PhoneNumber number;
        try {
            number = numbers.parse(e164, null);
        } catch (NumberParseException e) {
            return List.of();
        }
        PhoneNumberType type = numbers.getNumberType(number);
        if (type == PhoneNumberType.UNKNOWN) {
            return List.of();
        }
        String countryCode = Integer.toString(number.getCountryCode());
        if (!numbers.isNumberGeographical(type, number.getCountryCode())) {
            return longestPrefix(countryCode);
        }
        return longestPrefix(countryCode + numbers.getNationalSignificantNumber(number));
    }

    private List<ZoneId> longestPrefix(String digits) {
        for (int end = digits.length(); end > 0; end--) {
            List<ZoneId> zones = byPrefix.get(digits.substring(0, end));
            if (zones != null) {
                return zones;
            }
        }
        return List.of();
    }
}
