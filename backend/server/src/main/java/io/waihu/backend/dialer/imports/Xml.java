package io.waihu.backend.dialer.imports;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX over a workbook's parts. Pull parsing keeps the reader a plain iterator (no parser
 * thread, no callback inversion); DTDs and external entities are off, since an uploaded file
 * is untrusted (XXE).
 */
final class Xml {

    private static final XMLInputFactory FACTORY = factory();

    private Xml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    /**
     * Appends the text of the {@code <t>} elements inside the element {@code end} the reader is
     * on (a string item or an inline string), leaving out phonetic runs ({@code <rPh>}); returns
     * on its end tag.
     */
    static void runs(XMLStreamReader xml, String end, StringBuilder text) throws XMLStreamException {
        int phonetic = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if ("rPh".equals(name)) {
                    phonetic++;
                } else if ("t".equals(name)) {
                    String t = xml.getElementText();
                    if (phonetic == 0) {
                        text.append(t);
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String name = xml.getLocalName();
                if ("rPh".equals(name)) {
                    phonetic--;
                } else if (end.equals(name)) {
                    return;
                }
            }
        }
    }
}
