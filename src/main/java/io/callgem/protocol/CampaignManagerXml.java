package io.callgem.protocol;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;

/**
 * Decodes Campaign Manager XML DT: {@code <MagicXMLDocument><r><c n=".." d=".."/>...</r>}.
 * DT is untrusted input, so the JDK SAX parser runs with DOCTYPE declarations refused and all
 * external entity / DTD access off: an XXE payload fails to parse instead of reading files.
 *
 * <p>The SAX parser is the authority on what a document means, but it costs several
 * microseconds per document (parser reset, reader, entity manager, attribute objects), the
 * largest CPU cost of an outcome. So {@link #decode} first tries {@link FastPath}: a strict
 * reader of just the well-formed subset Campaign Manager writes. For anything outside that
 * subset (DOCTYPE, comments, CDATA, processing instructions, prefixes, text, unusual names or
 * characters, malformed markup, ...) it gives up and the SAX parser decides, exactly as before.
 * The fast path never resolves anything but the five predefined entities and character
 * references, so it cannot weaken the XXE protection; {@code CampaignManagerXmlProperties}
 * checks that both paths give the same result.
 */
final class CampaignManagerXml {

    static final String ROOT = "MagicXMLDocument";

    private static final SAXParserFactory FACTORY = secureFactory();
    /** SAXParser is not thread-safe; one per thread, reset before each use. */
    private static final ThreadLocal<SAXParser> PARSER = ThreadLocal.withInitial(CampaignManagerXml::newParser);

    private CampaignManagerXml() {
    }

    static LineOfBusinessData decode(String raw) {
        LineOfBusinessData fast = FastPath.decode(raw);
        return fast != null ? fast : decodeWithSax(raw);
    }

    /** The SAX parser alone: the reference the fast path must agree with. */
    static LineOfBusinessData decodeWithSax(String raw) {
        Collector collector = new Collector();
        try {
            SAXParser parser = PARSER.get();
            parser.reset();
            parser.parse(new InputSource(new StringReader(raw)), collector);
        } catch (SAXException | IOException | RuntimeException e) {
            return new LineOfBusinessData(raw, Map.of(), "XML data not readable: " + oneLine(e.getMessage()));
        }
        return collector.elements.result(raw);
    }

    private static SAXParserFactory secureFactory() {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("JDK SAX parser lacks the features needed for safe DT parsing", e);
        }
    }

    private static SAXParser newParser() {
        try {
            SAXParser p = FACTORY.newSAXParser();
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return p;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot create a secure SAX parser", e);
        }
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        s = s.replace('\n', ' ').replace('\r', ' ');
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /**
     * Reads the subset of XML 1.0 that Campaign Manager writes, or gives up ({@link #decode}
     * returns null) so that the SAX parser decides. The subset: an optional XML declaration
     * (version 1.0) at the very start, whitespace, and elements with ASCII names (no prefix,
     * not starting with "xml") and at most {@value #MAX_ATTRIBUTES} distinct attributes, nested
     * at most {@value #MAX_DEPTH} deep, with only whitespace between them. Attribute values may
     * hold the five predefined entities and character references; whitespace in them is
     * normalised as XML 1.0 does for attributes without a DTD (CR LF, CR, LF and tab each become
     * one space; characters given by reference are kept). The only attribute with a meaning
     * for XML is {@code xmlns}, a default namespace, which has no effect on the result unless
     * it names one of the two reserved namespaces (then SAX decides). Whatever is read is
     * reported as {@link Collector} would report it. Documents longer than {@value #MAX_LENGTH}
     * characters and names longer than {@value #MAX_NAME} are left to SAX too, which keeps the
     * fast path well inside the limits secure processing sets (1000-character names, 10000
     * attributes).
     */
    static final class FastPath {

        static final int MAX_LENGTH = 64 * 1024;
        static final int MAX_DEPTH = 32;
        static final int MAX_ATTRIBUTES = 16;
        static final int MAX_NAME = 64;

        /** Thrown, without a stack trace, when the text leaves the subset. */
        private static final class OutsideSubset extends RuntimeException {
            OutsideSubset() {
                super(null, null, false, false);
            }
        }

        private static final OutsideSubset OUTSIDE = new OutsideSubset();

        /** ASCII name characters: NAME_START for letters and '_', NAME_PART for digits, '-' and '.'. */
        private static final byte[] NAME_CHARS = new byte[128];
        private static final byte NAME_START = 1;
        private static final byte NAME_PART = 2;

        static {
            for (char ch = 0; ch < 128; ch++) {
                if (isAsciiLetter(ch) || ch == '_') {
                    NAME_CHARS[ch] = NAME_START;
                } else if (isAsciiDigit(ch) || ch == '-' || ch == '.') {
                    NAME_CHARS[ch] = NAME_PART;
                }
            }
        }

        private final String s;
        private final int end;
        private int pos;
        private final Elements elements = new Elements();
        /** Name spans of the open elements, for matching end tags. */
        private final int[] openStart = new int[MAX_DEPTH];
        private final int[] openEnd = new int[MAX_DEPTH];
        /** Name spans of the current start tag's attributes, for the duplicate check. */
        private final int[] attributeStart = new int[MAX_ATTRIBUTES];
        private final int[] attributeEnd = new int[MAX_ATTRIBUTES];

        private FastPath(String s) {
            this.s = s;
            this.end = s.length();
        }

        /** The decoded data, or null when the text is outside the subset. */
        static LineOfBusinessData decode(String raw) {
            if (raw.length() > MAX_LENGTH) {
                return null;
            }
            FastPath p = new FastPath(raw);
            try {
                p.document();
            } catch (OutsideSubset e) {
                return null;
            }
            return p.elements.result(raw);
        }

        private void document() {
            if (s.startsWith("<?xml")) {
                xmlDeclaration();
            }
            skipWhitespace();
            elements();
            skipWhitespace();
            if (pos != end) {
                throw OUTSIDE;
            }
        }

        /** {@code <?xml version="1.0" encoding=".." standalone=".."?>}, the last two optional. */
        private void xmlDeclaration() {
            pos = "<?xml".length();
            if (!skipWhitespace() || !s.startsWith("version", pos)) {
                throw OUTSIDE;
            }
            pos += "version".length();
            if (!"1.0".equals(declarationValue())) {
                throw OUTSIDE;
            }
            boolean space = skipWhitespace();
            if (space && s.startsWith("encoding", pos)) {
                pos += "encoding".length();
                if (!isEncodingName(declarationValue())) {
                    throw OUTSIDE;
                }
                space = skipWhitespace();
            }
            if (space && s.startsWith("standalone", pos)) {
                pos += "standalone".length();
                String standalone = declarationValue();
                if (!"yes".equals(standalone) && !"no".equals(standalone)) {
                    throw OUTSIDE;
                }
                skipWhitespace();
            }
            if (!s.startsWith("?>", pos)) {
                throw OUTSIDE;
            }
            pos += 2;
        }

        /** {@code = "value"} in the XML declaration, which has no references. */
        private String declarationValue() {
            skipWhitespace();
            expect('=');
            skipWhitespace();
            char quote = next();
            if (quote != '"' && quote != '\'') {
                throw OUTSIDE;
            }
            int close = s.indexOf(quote, pos);
            if (close < 0) {
                throw OUTSIDE;
            }
            String value = s.substring(pos, close);
            pos = close + 1;
            return value;
        }

        private static boolean isEncodingName(String name) {
            if (name.isEmpty() || !isAsciiLetter(name.charAt(0))) {
                return false;
            }
            for (int i = 1; i < name.length(); i++) {
                char ch = name.charAt(i);
                if (!isAsciiLetter(ch) && !isAsciiDigit(ch) && ch != '.' && ch != '_' && ch != '-') {
                    return false;
                }
            }
            return true;
        }

        /** The root element and everything in it; starts at its '&lt;'. */
        private void elements() {
            int depth = 0;
            do {
                expect('<');
                if (pos < end && s.charAt(pos) == '/') {
                    if (depth == 0) {
                        throw OUTSIDE;
                    }
                    pos++;
                    int nameStart = pos;
                    int nameEnd = name();
                    depth--;
                    int length = openEnd[depth] - openStart[depth];
                    if (nameEnd - nameStart != length || !s.regionMatches(nameStart, s, openStart[depth], length)) {
                        throw OUTSIDE;   // mismatched end tag
                    }
                    skipWhitespace();
                    expect('>');
                } else {
                    int nameStart = pos;
                    int nameEnd = name();
                    boolean empty = startTag(nameStart, nameEnd);
                    if (!empty) {
                        if (depth == MAX_DEPTH) {
                            throw OUTSIDE;
                        }
                        openStart[depth] = nameStart;
                        openEnd[depth] = nameEnd;
                        depth++;
                    }
                }
                if (depth > 0) {
                    skipWhitespace();   // any other text between elements is left to SAX
                }
            } while (depth > 0);
        }

        /**
         * The rest of a start tag after its name: attributes, then '>' or "/>". Reports the
         * element to {@link #startElement} and returns whether it is empty ("/>").
         */
        private boolean startTag(int nameStart, int nameEnd) {
            if (startsWithXml(nameStart, nameEnd)) {
                throw OUTSIDE;
            }
            boolean field = nameEnd - nameStart == 1 && s.charAt(nameStart) == 'c';
            String n = null;
            String d = null;
            int attributes = 0;
            boolean empty;
            while (true) {
                boolean space = skipWhitespace();
                char ch = next();
                if (ch == '>') {
                    empty = false;
                    break;
                }
                if (ch == '/') {
                    expect('>');
                    empty = true;
                    break;
                }
                pos--;
                if (!space || attributes == MAX_ATTRIBUTES) {
                    throw OUTSIDE;   // attributes must be separated by whitespace
                }
                int start = pos;
                int stop = name();
                int length = stop - start;
                for (int i = 0; i < attributes; i++) {
                    if (attributeEnd[i] - attributeStart[i] == length && s.charAt(attributeStart[i]) == s.charAt(start)
                            && s.regionMatches(start, s, attributeStart[i], length)) {
                        throw OUTSIDE;   // duplicate attribute
                    }
                }
                attributeStart[attributes] = start;
                attributeEnd[attributes] = stop;
                attributes++;
                skipWhitespace();
                expect('=');
                skipWhitespace();
                if (startsWithXml(start, stop)) {
                    if (length != "xmlns".length() || !s.startsWith("xmlns", start)) {
                        throw OUTSIDE;
                    }
                    String namespace = attributeValue(true);
                    if ("http://www.w3.org/XML/1998/namespace".equals(namespace)
                            || "http://www.w3.org/2000/xmlns/".equals(namespace)) {
                        throw OUTSIDE;   // reserved namespaces: SAX reports the error
                    }
                } else if (field && length == 1 && s.charAt(start) == 'n') {
                    n = attributeValue(true);
                } else if (field && length == 1 && s.charAt(start) == 'd') {
                    d = attributeValue(true);
                } else {
                    attributeValue(false);   // checked, not needed
                }
            }
            startElement(nameStart, nameEnd, field, n, d);
            return empty;
        }

        /** As {@link Collector#startElement} (names here have no prefix). */
        private void startElement(int nameStart, int nameEnd, boolean field, String n, String d) {
            if (!elements.rootSeen()) {
                String name = s.substring(nameStart, nameEnd);
                elements.root(name, name);
            } else if (field) {
                elements.field(n, d);
            }
        }

        /** An ASCII name without a prefix; returns its end. */
        private int name() {
            int start = pos;
            if (pos >= end || !isNameStart(s.charAt(pos))) {
                throw OUTSIDE;
            }
            pos++;
            while (pos < end && isNameChar(s.charAt(pos))) {
                pos++;
            }
            if (pos - start > MAX_NAME) {
                throw OUTSIDE;
            }
            return pos;
        }

        /** Names starting with "xml" in any case are reserved: left to SAX, except xmlns. */
        private boolean startsWithXml(int nameStart, int nameEnd) {
            return nameEnd - nameStart >= 3 && s.regionMatches(true, nameStart, "xml", 0, 3);
        }

        /**
         * A quoted attribute value with references replaced and whitespace normalised; null
         * unless {@code keep}.
         */
        private String attributeValue(boolean keep) {
            char quote = next();
            if (quote != '"' && quote != '\'') {
                throw OUTSIDE;
            }
            int start = pos;
            while (pos < end) {   // the usual value: nothing to replace
                char ch = s.charAt(pos);
                if (ch == quote) {
                    pos++;
                    return keep ? s.substring(start, pos - 1) : null;
                }
                if (ch < 0x20 || ch == '&' || ch == '<' || ch >= Character.MIN_SURROGATE) {
                    break;
                }
                pos++;
            }
            StringBuilder value = new StringBuilder(pos - start + 16).append(s, start, pos);
            while (true) {
                char ch = next();
                if (ch == quote) {
                    return keep ? value.toString() : null;
                }
                switch (ch) {
                    case '<' -> throw OUTSIDE;
                    case '&' -> reference(value);
                    case '\t', '\n' -> value.append(' ');
                    case '\r' -> {   // CR LF and CR are line ends, read as LF, which becomes a space
                        value.append(' ');
                        if (pos < end && s.charAt(pos) == '\n') {
                            pos++;
                        }
                    }
                    default -> {
                        if (ch < 0x20 || ch == 0xFFFE || ch == 0xFFFF || Character.isLowSurrogate(ch)) {
                            throw OUTSIDE;
                        }
                        value.append(ch);
                        if (Character.isHighSurrogate(ch)) {
                            char low = next();
                            if (!Character.isLowSurrogate(low)) {
                                throw OUTSIDE;
                            }
                            value.append(low);
                        }
                    }
                }
            }
        }

        /** After '&amp;': one of the five predefined entities or a character reference. */
        private void reference(StringBuilder value) {
            int semicolon = pos;
            while (semicolon < end && semicolon - pos <= 9 && s.charAt(semicolon) != ';') {
                semicolon++;
            }
            if (semicolon >= end || s.charAt(semicolon) != ';') {
                throw OUTSIDE;
            }
            String name = s.substring(pos, semicolon);
            pos = semicolon + 1;
            switch (name) {
                case "lt" -> value.append('<');
                case "gt" -> value.append('>');
                case "amp" -> value.append('&');
                case "quot" -> value.append('"');
                case "apos" -> value.append('\'');
                default -> value.appendCodePoint(characterReference(name));
            }
        }

        /** "#65" or "#x41" (at most 7 digits); only characters XML 1.0 allows. */
        private static int characterReference(String ref) {
            boolean hex = ref.startsWith("#x");
            int first = hex ? 2 : 1;
            if (!ref.startsWith("#") || ref.length() == first || ref.length() - first > 7) {
                throw OUTSIDE;
            }
            int code = 0;
            for (int i = first; i < ref.length(); i++) {
                char ch = ref.charAt(i);
                int digit;
                if (isAsciiDigit(ch)) {
                    digit = ch - '0';
                } else if (hex && ch >= 'a' && ch <= 'f') {
                    digit = ch - 'a' + 10;
                } else if (hex && ch >= 'A' && ch <= 'F') {
                    digit = ch - 'A' + 10;
                } else {
                    throw OUTSIDE;
                }
                code = code * (hex ? 16 : 10) + digit;
            }
            boolean allowed = code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF)
                    || (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF);
            if (!allowed) {
                throw OUTSIDE;
            }
            return code;
        }

        /** XML whitespace; returns whether there was any. */
        private boolean skipWhitespace() {
            int start = pos;
            while (pos < end) {
                char ch = s.charAt(pos);
                if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') {
                    break;
                }
                pos++;
            }
            return pos > start;
        }

        private char next() {
            if (pos >= end) {
                throw OUTSIDE;
            }
            return s.charAt(pos++);
        }

        private void expect(char ch) {
            if (next() != ch) {
                throw OUTSIDE;
            }
        }

        private static boolean isNameStart(char ch) {
            return ch < 128 && NAME_CHARS[ch] == NAME_START;
        }

        private static boolean isNameChar(char ch) {
            return ch < 128 && NAME_CHARS[ch] != 0;
        }

        private static boolean isAsciiLetter(char ch) {
            return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        }

        private static boolean isAsciiDigit(char ch) {
            return ch >= '0' && ch <= '9';
        }
    }

    private static final class Collector extends DefaultHandler {
        final Elements elements = new Elements();

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (!elements.rootSeen()) {
                elements.root(localName, qName);
            } else if ("c".equals(localName)) {
                elements.field(attributes.getValue("n"), attributes.getValue("d"));
            }
        }
    }

    /** What a document's elements mean, whichever parser read them (SAX or the fast path). */
    private static final class Elements {
        private final Map<String, String> fields = new LineOfBusinessData.Decoded();   // handed over, not copied
        private String problem;
        private boolean rootSeen;

        boolean rootSeen() {
            return rootSeen;
        }

        /** The first element: Campaign Manager's root, else a problem naming what it is. */
        void root(String localName, String qName) {
            rootSeen = true;
            if (!ROOT.equals(localName)) {
                problem = "XML data root is <" + qName + ">, expected <" + ROOT + ">";
            }
        }

        /** A {@code <c>} below the root: one field; the first of a name wins, like SdmpMessage.get. */
        void field(String n, String d) {
            if (problem != null) {
                return;
            }
            if (n == null || n.isEmpty()) {
                problem = "XML data has a <c> element without an n attribute";
                return;
            }
            fields.putIfAbsent(n, d == null ? "" : d);
        }

        LineOfBusinessData result(String raw) {
            return problem != null ? new LineOfBusinessData(raw, Map.of(), problem)
                    : new LineOfBusinessData(raw, fields, null);
        }
    }
}
