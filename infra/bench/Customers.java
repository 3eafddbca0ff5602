import io.waihu.bench.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The synthetic customers the benchmark writes and searches for, and SqlFloor writes as rows:
 * deterministic per number, so searches can aim at what was seeded, with the skew of real names.
 */
final class Customers {

    // Pinyin names: a few common surnames dominate (as in reality), so "wang" matches
    // thousands of rows while "wang xiuying" matches a handful; both kinds are searched.
    static final String[] SURNAMES = {"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu",
            "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "luo", "gao", "zheng", "liang", "xie", "song",
            "tang", "han", "feng", "deng", "cao", "peng"};
    static final String[] GIVEN = {"wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang",
            "yong", "yan", "jie", "juan", "tao", "ming", "chao", "xiu", "ying", "hua", "ping", "gang", "gui", "hong",
            "xia", "fei", "hui", "lan", "bo", "ning", "xin", "yu", "hao", "peng", "dan", "rui", "kai", "ting", "yi",
            "zhen"};
    static final String[] CITIES = {"beijing", "shanghai", "guangzhou", "shenzhen", "hangzhou", "chengdu",
            "wuhan", "nanjing", "xian", "chongqing", "tianjin", "suzhou"};
    static final String[] INTERESTS = {"vip", "callback", "new", "insurance", "loan", "education", "retail",
            "q1-campaign", "q2-campaign", "warm", "cold", "referral"};
    private static final String[] COMPANIES = {"Huaxin Trading", "Jinlong Logistics", "Tianyi Tech", "Hengda Retail",
            "Minsheng Foods", "Dongfang Textiles", "Xinghe Media", "Baoli Motors"};
    private static final String[] SOURCES = {"web", "referral", "fair", "cold-list", "partner"};
    // Mobile prefixes libphonenumber accepts for region CN with any 8 following digits.
    private static final String[] MOBILE_PREFIXES = {"130", "131", "132", "133", "135", "136", "137", "138", "139",
            "150", "151", "152", "153", "155", "156", "157", "158", "159"};

    private Customers() {}

    /** Customer number i's mobile, national format; distinct for every i (an affine bijection mod 10^8). */
    static String phone(long i) {
        String prefix = MOBILE_PREFIXES[(int) (i % MOBILE_PREFIXES.length)];
        long subscriber = Math.floorMod((i / MOBILE_PREFIXES.length) * 48_271L + 12_345_679L, 100_000_000L);
        return prefix + String.format("%08d", subscriber);
    }

    /** Zipf-like: low indexes much more often. */
    static <T> T skewed(T[] items, Random r) {
        double u = r.nextDouble();
        return items[(int) (items.length * u * u)];
    }

    static String given(Random r) {
        String g = GIVEN[r.nextInt(GIVEN.length)];
        return r.nextInt(3) == 0 ? g : g + GIVEN[r.nextInt(GIVEN.length)];
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A name drawn as the seeded customers' are (SqlFloor writes rows like them). */
    static String randomName(Random r) {
        return capitalize(skewed(SURNAMES, r)) + " " + capitalize(given(r));
    }

    /** A city and up to two interests, distinct, drawn as the seeded customers' tags are. */
    static List<String> randomTags(Random r) {
        List<String> tags = new ArrayList<>(List.of(CITIES[r.nextInt(CITIES.length)]));
        for (int k = r.nextInt(3); k > 0; k--) {
            String tag = INTERESTS[r.nextInt(INTERESTS.length)];
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** CustomerInput JSON of customer i; deterministic, so searches can aim at what was seeded. */
    static String input(long i) {
        Random r = new Random(i * 0x9E3779B97F4A7C15L + 7);
        String surname = skewed(SURNAMES, r);
        String tags = String.join(",", randomTags(r).stream().map(Json::quote).toList());
        StringBuilder in = new StringBuilder("{\"name\":")
                .append(Json.quote(capitalize(surname) + " " + capitalize(given(r))))
                .append(",\"phones\":[").append(Json.quote(phone(i))).append("]")
                .append(",\"tags\":[").append(tags).append("]");
        if (r.nextBoolean()) {
            in.append(",\"email\":").append(Json.quote(surname + i + "@example.com"));
        }
        if (r.nextInt(5) < 2) {
            in.append(",\"company\":").append(Json.quote(COMPANIES[r.nextInt(COMPANIES.length)]));
        }
        in.append(",\"customFields\":[{\"key\":\"source\",\"value\":")
                .append(Json.quote(SOURCES[r.nextInt(SOURCES.length)])).append("}]}");
        return in.toString();
    }

    /** Edit number n's CustomerInput: always a real change (a fresh company and tags), so every edit appends an event. */
    static String editInput(long n) {
        Random r = ThreadLocalRandom.current();
        return "{\"company\":" + Json.quote("Edited Co " + n) + ",\"tags\":["
                + Json.quote(CITIES[r.nextInt(CITIES.length)]) + ","
                + Json.quote(INTERESTS[r.nextInt(INTERESTS.length)]) + "]}";
    }
}
