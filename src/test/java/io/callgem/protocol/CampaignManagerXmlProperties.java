package io.callgem.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path of {@link CampaignManagerXml} against the SAX parser, the authority: for any
 * text, {@code decode} must give exactly what {@code decodeWithSax} gives (fields in the same
 * order, the same problem), and documents of the subset Campaign Manager writes must really
 * take the fast path.
 */
class CampaignManagerXmlProperties {

    @Property(tries = 1500)
    void documentsOfTheSubsetTakeTheFastPathAndAgreeWithSax(@ForAll("subsetDocuments") String raw) {
        assertThat(CampaignManagerXml.FastPath.decode(raw)).as("fast path for %s", raw).isNotNull();
        assertSameAsSax(raw);
    }

    @Property(tries = 2500)
    void damagedOrUnusualDocumentsAgreeWithSax(@ForAll("damagedDocuments") String raw) {
        boolean fast = CampaignManagerXml.FastPath.decode(raw) != null;
        LineOfBusinessData sax = assertSameAsSax(raw);
        Statistics.label("path").collect(fast ? "fast" : "SAX");
        Statistics.label("path").coverage(c -> {
            c.check("fast").percentage(p -> p > 2);
            c.check("SAX").percentage(p -> p > 30);
        });
        Statistics.label("SAX result").collect(sax.problem() == null ? "fields" : sax.problem().startsWith("XML data not readable")
                ? "not readable" : "problem");
    }

    @Property(tries = 500)
    void markupSoupAgreesWithSax(@ForAll("markupSoup") String raw) {
        assertSameAsSax(raw);
    }

    private static LineOfBusinessData assertSameAsSax(String raw) {
        LineOfBusinessData sax = CampaignManagerXml.decodeWithSax(raw);
        LineOfBusinessData decoded = CampaignManagerXml.decode(raw);
        assertThat(decoded.raw()).isSameAs(raw);
        assertThat(decoded.problem()).as("problem for %s", raw).isEqualTo(sax.problem());
        assertThat(new ArrayList<>(decoded.fields().entrySet())).as("fields for %s", raw)
                .containsExactlyElementsOf(new ArrayList<>(sax.fields().entrySet()));
        return sax;
    }

    // ---- documents inside the subset the fast path reads ----

    @Provide
    Arbitrary<String> subsetDocuments() {
        return Arbitraries.randoms().map(CampaignManagerXmlProperties::subsetDocument);
    }

    private static final String[] ENCODINGS = {"UTF-8", "utf-8", "ISO-8859-1", "windows-1252", "US-ASCII"};
    private static final String[] OTHER_ROOTS = {"Other", "c", "r", "MagicXMLDocumentX", "magicXMLDocument", "_x"};
    private static final String[] ELEMENTS = {"r", "r", "c", "c", "c", "c", "row", "C", "c.x", "c-1", "c2"};
    private static final String[] OTHER_ATTRIBUTES = {"m", "m", "x", "type", "n2", "N", "D", "data-x", "_a", "a.b", "nd"};
    private static final String[] NAMESPACES = {"http://www.sytelco.com/SCC/CM", "", "urn:x", "http://www.w3.org/XML/1998/namespac"};
    private static final String[] FIELD_NAMES = {"AccountNo", "Name", "Product", "Balance", "a", "A&amp;B", "x y", "&#x41;1", ""};
    private static final String[] WHITESPACE = {" ", " ", " ", "  ", "\t", "\n", "\r\n", "\r", " \n\t "};

    static String subsetDocument(Random r) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(3) == 0) {
            sb.append(xmlDeclaration(r));
        }
        sb.append(optionalWhitespace(r));
        String root = r.nextInt(8) == 0 ? pick(r, OTHER_ROOTS) : CampaignManagerXml.ROOT;
        sb.append('<').append(root);
        if (r.nextInt(3) > 0) {
            sb.append(whitespace(r)).append("xmlns").append(eq(r)).append(quoted(r, pick(r, NAMESPACES)));
        }
        if (r.nextInt(8) == 0) {
            sb.append(whitespace(r)).append(pick(r, OTHER_ATTRIBUTES)).append(eq(r)).append(quoted(r, value(r)));
        }
        sb.append(optionalWhitespace(r));
        if (r.nextInt(12) == 0) {
            sb.append("/>");
        } else {
            sb.append('>');
            content(r, sb, 1);
            sb.append("</").append(root).append(optionalWhitespace(r)).append('>');
        }
        sb.append(optionalWhitespace(r));
        return sb.toString();
    }

    private static String xmlDeclaration(Random r) {
        StringBuilder sb = new StringBuilder("<?xml").append(whitespace(r)).append("version").append(eq(r))
                .append(r.nextBoolean() ? "\"1.0\"" : "'1.0'");
        if (r.nextBoolean()) {
            sb.append(whitespace(r)).append("encoding").append(eq(r)).append(quote(r, pick(r, ENCODINGS)));
        }
        if (r.nextInt(3) == 0) {
            sb.append(whitespace(r)).append("standalone").append(eq(r)).append(quote(r, r.nextBoolean() ? "yes" : "no"));
        }
        return sb.append(optionalWhitespace(r)).append("?>").toString();
    }

    private static void content(Random r, StringBuilder sb, int depth) {
        int children = r.nextInt(depth == 1 ? 5 : 4);
        for (int i = 0; i < children; i++) {
            sb.append(optionalWhitespace(r));
            String name = depth == 1 && r.nextInt(4) > 0 ? "r" : pick(r, ELEMENTS);
            sb.append('<').append(name);
            attributes(r, sb, name.equals("c"));
            sb.append(optionalWhitespace(r));
            if (depth < 4 && (name.equals("r") || r.nextInt(6) == 0)) {
                sb.append('>');
                content(r, sb, depth + 1);
                sb.append("</").append(name).append(optionalWhitespace(r)).append('>');
            } else if (r.nextInt(4) == 0) {
                sb.append('>').append(optionalWhitespace(r)).append("</").append(name).append(optionalWhitespace(r)).append('>');
            } else {
                sb.append("/>");
            }
        }
        sb.append(optionalWhitespace(r));
    }

    /** n, d and others in any order, each maybe missing; no attribute twice. */
    private static void attributes(Random r, StringBuilder sb, boolean field) {
        List<String> names = new ArrayList<>();
        if (r.nextInt(field ? 12 : 2) > 0) {
            names.add("n");
        }
        if (r.nextInt(field ? 6 : 2) > 0) {
            names.add("d");
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            String other = pick(r, OTHER_ATTRIBUTES);
            if (!names.contains(other)) {
                names.add(other);
            }
        }
        java.util.Collections.shuffle(names, r);
        for (String name : names) {
            String v = name.equals("n") ? fieldName(r) : value(r);
            sb.append(whitespace(r)).append(name).append(eq(r)).append(quoted(r, v));
        }
    }

    /** Names (as attribute text) from a small pool, so that duplicates are common; sometimes empty. */
    private static String fieldName(Random r) {
        return r.nextInt(4) == 0 ? value(r) : pick(r, FIELD_NAMES);
    }

    /** Attribute value text (before quoting): plain text, references, whitespace, unicode. */
    private static String value(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(7); i > 0; i--) {
            switch (r.nextInt(14)) {
                case 0 -> sb.append(pick(r, new String[]{"Ann Lee", "12345", "0.5", "Broadband", "true", "x"}));
                case 1 -> sb.append(pick(r, new String[]{"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"}));
                case 2 -> sb.append("&#").append(codePoint(r)).append(';');
                case 3 -> sb.append("&#x").append(hex(r, codePoint(r))).append(';');
                case 4 -> sb.append(pick(r, new String[]{"\t", "\n", "\r", "\r\n", "\n\r", " ", "  "}));
                case 5 -> sb.append(pick(r, new String[]{"é", "€", "中文", "😀", "\u0085", "\u2028", "\u00a0", "\u007f", "\u0080", "\ufffd", "\ue000"}));
                case 6 -> sb.append(pick(r, new String[]{">", "]]>", "/", "=", "?", "!", "-->", ":", ";", "#"}));
                case 7 -> sb.append("&#0000").append(r.nextInt(100) + 32).append(';');
                case 8 -> sb.append(pick(r, new String[]{"&#9;", "&#10;", "&#13;", "&#xD;&#xA;", "&#x20;", "&#x3C;", "&#38;"}));
                case 9 -> sb.append(pick(r, new String[]{"'", "\""}));   // escaped or swapped by quoted()
                default -> sb.append((char) ('a' + r.nextInt(26)));
            }
        }
        return sb.toString();
    }

    private static int codePoint(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> pick(r, new int[]{0x9, 0xA, 0xD, 0x20, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x85, 0x2028});
            case 1 -> 0x20 + r.nextInt(0x5F);
            case 2 -> 0xA0 + r.nextInt(0xD7FF - 0xA0);
            case 3 -> 0xE000 + r.nextInt(0xFFFE - 0xE000);
            case 4 -> 0x10000 + r.nextInt(0x110000 - 0x10000);
            default -> pick(r, new int[]{0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x10FFFF, 0x1F600});
        };
    }

    private static String hex(Random r, int cp) {
        String h = Integer.toHexString(cp);
        return r.nextBoolean() ? h.toUpperCase() : h;
    }

    /** The value in random quotes; a quote character inside is escaped or the other quote used. */
    private static String quoted(Random r, String v) {
        char q = r.nextBoolean() ? '"' : '\'';
        if (v.indexOf(q) >= 0 && r.nextBoolean()) {
            q = q == '"' ? '\'' : '"';
        }
        return q + escape(v, q) + q;
    }

    private static String quote(Random r, String v) {
        char q = r.nextBoolean() ? '"' : '\'';
        return q + v + q;
    }

    private static String escape(String v, char quote) {
        return v.replace(String.valueOf(quote), quote == '"' ? "&quot;" : "&apos;");
    }

    private static String eq(Random r) {
        return (r.nextInt(5) == 0 ? pick(r, WHITESPACE) : "") + "=" + (r.nextInt(5) == 0 ? pick(r, WHITESPACE) : "");
    }

    private static String whitespace(Random r) {
        return r.nextInt(3) > 0 ? " " : pick(r, WHITESPACE);
    }

    private static String optionalWhitespace(Random r) {
        return r.nextInt(3) > 0 ? "" : pick(r, WHITESPACE);
    }

    private static String pick(Random r, String[] choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static int pick(Random r, int[] choices) {
        return choices[r.nextInt(choices.length)];
    }

    // ---- documents damaged or extended beyond the subset ----

    private static final String[] INSERTS = {
            "<!-- note -->", "<![CDATA[x]]>", "<?pi x?>", "<!DOCTYPE MagicXMLDocument>", "&foo;", "&#0;", "&#X41;",
            "&#xD800;", "&#x110000;", "&#;", "&#x;", "&amp", "&lt", "<", ">", "&", "\"", "'", "=", "/", ":", "p:", "xml",
            "xmlns:p=\"urn:p\" ", " xml:lang=\"en\"", " n=\"dup\"", " d='dup'", " xmlns=\"http://www.w3.org/2000/xmlns/\"",
            " xmlns='http://www.w3.org/XML/1998/namespace'", "</r>", "<r>", "<c/>", "<c n='z' d='9'/>", "text", "]]>",
            " ", "\t", "\r\n", "\u0000", "\u0001", "\u000b", "\u001f", "\ufffe", "\uffff", "\ud800", "\udc00", "\ufeff",
            "<?xml version=\"1.0\"?>", "é", "\u0085", "a", "1", "-", ".", "<MagicXMLDocument>", "</MagicXMLDocument>"};

    private static final String[] PREFIXES = {
            "<!DOCTYPE MagicXMLDocument [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
            "<!DOCTYPE MagicXMLDocument SYSTEM \"http://127.0.0.1:1/x.dtd\">",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]>",
            "<?xml version=\"1.1\"?>", "<?xml version=\"1.5\"?>", "<?xml version=\"1.0\" encoding=\"1bad\"?>",
            "<?xml version=\"1.0\" standalone=\"maybe\"?>", "<?xml version=\"1.0\"encoding=\"UTF-8\"?>",
            "<?xml encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>",
            "<?xml-stylesheet href=\"a\"?>", " <?xml version=\"1.0\"?>", "\ufeff", "<!-- c -->", "x", "\u000b"};

    @Provide
    Arbitrary<String> damagedDocuments() {
        return Arbitraries.randoms().map(r -> {
            String doc = subsetDocument(r);
            for (int i = 1 + r.nextInt(2); i > 0; i--) {
                doc = damage(r, doc);
            }
            return doc;
        });
    }

    private static String damage(Random r, String doc) {
        int at = doc.isEmpty() ? 0 : r.nextInt(doc.length() + 1);
        return switch (r.nextInt(8)) {
            case 0, 1, 2 -> doc.substring(0, at) + pick(r, INSERTS) + doc.substring(at);
            case 3 -> doc.substring(0, at) + doc.substring(Math.min(doc.length(), at + 1 + r.nextInt(4)));
            case 4 -> doc.substring(0, at);
            case 5 -> pick(r, PREFIXES) + (r.nextBoolean() ? doc : doc.stripLeading().replaceFirst("^<\\?xml[^>]*>", ""));
            case 6 -> at < doc.length() ? doc.substring(0, at) + doc.charAt(at) + doc.substring(at) : doc;
            default -> doc.substring(0, at) + (char) r.nextInt(0x10000) + doc.substring(at);
        };
    }

    @Provide
    Arbitrary<String> markupSoup() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("<MagicXMLDocument>", "</MagicXMLDocument>", "<r>", "</r>", "<c", " n=\"a\"", " d='b'",
                        " m=\"1\"", "/>", ">", "</c>", "<", "&amp;", "&#65;", "&#x1F600;", "\"", "'", " ", "\n", "=",
                        "<?xml version=\"1.0\"?>", "<!-- -->", "<x:c xmlns:x=\"urn:x\" n=\"q\"/>", "&e;"),
                Arbitraries.strings().ofMaxLength(3));
        return pieces.list().ofMaxSize(20).map(l -> String.join("", l));
    }

    @Property(tries = 50)
    void simulatorDocumentsTakeTheFastPath(@ForAll long seed) {
        var generator = new io.callgem.simulator.OutcomeGenerator(seed, List.of("C"), List.of(),
                java.time.Instant.parse("2024-01-01T00:00:00Z"), java.time.Duration.ofSeconds(1));
        for (Outcome o : generator.next(40)) {
            LineOfBusinessData expected = o.data();
            if (expected == null || !expected.raw().startsWith("<")) {
                continue;
            }
            LineOfBusinessData fast = CampaignManagerXml.FastPath.decode(expected.raw());
            assertThat(fast).isNotNull();
            assertThat(new ArrayList<>(fast.fields().entrySet())).containsExactlyElementsOf(new ArrayList<>(expected.fields().entrySet()));
            assertThat(fast.problem()).isNull();
            assertSameAsSax(expected.raw());
        }
    }
}
