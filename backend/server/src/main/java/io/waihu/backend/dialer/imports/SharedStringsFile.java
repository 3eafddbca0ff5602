package io.waihu.backend.dialer.imports;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A workbook's shared-string table without holding it: XLSX keeps every distinct text of every
 * sheet in one part ({@code xl/sharedStrings.xml}) that cells point into by index, so a list of
 * a million distinct names has a million entries. POI's {@code ReadOnlySharedStringsTable} keeps
 * them all as Java strings — ~100 MB of heap for such a list. Here the part is streamed once
 * into a temporary file (each string's UTF-8, about the part's own size, plus 8 bytes of offset
 * per string) and looked up through a read-only memory map: the heap holds none of it, the
 * operating system's page cache holds what is in use. The price is a temporary copy of the
 * strings on disk for the length of the read (personal data: owner-only permissions, deleted on
 * close) and a 2 GiB cap per file, far past what Excel writes.
 *
 * <p>The text of a string item is its {@code <t>} runs; phonetic guides ({@code <rPh>}, the
 * furigana/pinyin Excel stores beside East Asian text) are not part of the value.
 */
final class SharedStringsFile implements AutoCloseable {

    private final Path data;
    private final Path index;
    private final MappedByteBuffer dataMap;
    private final MappedByteBuffer indexMap;
    private final int count;

    private SharedStringsFile(Path data, Path index, int count) throws IOException {
        this.data = data;
        this.index = index;
        this.count = count;
        if (Files.size(data) > Integer.MAX_VALUE || Files.size(index) > Integer.MAX_VALUE) {
            throw new ImportException("the workbook's shared strings exceed 2 GiB");
        }
        try (FileChannel d = FileChannel.open(data, StandardOpenOption.READ);
                FileChannel i = FileChannel.open(index, StandardOpenOption.READ)) {
            this.dataMap = d.map(FileChannel.MapMode.READ_ONLY, 0, d.size());
            this.indexMap = i.map(FileChannel.MapMode.READ_ONLY, 0, i.size());
        }
    }

    /** Reads the shared-string part once into temporary files under {@code dir}. */
    static SharedStringsFile spill(InputStream part, Path dir) throws IOException {
        Path data = Files.createTempFile(dir, "waihu-strings-", ".bin");
        Path index = Files.createTempFile(dir, "waihu-strings-", ".idx");
        int count = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(data), 64 * 1024));
                DataOutputStream offsets = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(index), 64 * 1024))) {
            XMLStreamReader xml = Xml.reader(part);
            long offset = 0;
            StringBuilder text = new StringBuilder();
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "si".equals(xml.getLocalName())) {
                    text.setLength(0);
                    Xml.runs(xml, "si", text);
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    offsets.writeLong(offset);
                    out.write(bytes);
                    offset += bytes.length;
                    count++;
                }
            }
            offsets.writeLong(offset);
            xml.close();
        } catch (XMLStreamException e) {
            delete(data, index);
            throw new ImportException("the workbook's shared strings are not readable XML: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            delete(data, index);
            throw e;
        }
        try {
            return new SharedStringsFile(data, index, count);
        } catch (IOException | RuntimeException e) {
            delete(data, index);
            throw e;
        }
    }

    /** The string at {@code i}; an index past the table (a corrupt cell) reads as empty. */
    String get(int i) {
        if (i < 0 || i >= count) {
            return "";
        }
        int start = (int) indexMap.getLong(i * 8);
        int end = (int) indexMap.getLong(i * 8 + 8);
        byte[] bytes = new byte[end - start];
        dataMap.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    int size() {
        return count;
    }

    @Override
    public void close() throws IOException {
        delete(data, index);
    }

    private static void delete(Path... files) throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }
}
