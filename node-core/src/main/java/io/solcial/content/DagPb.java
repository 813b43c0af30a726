package io.solcial.content;

import io.solcial.multiformats.ByteReader;
import io.solcial.multiformats.Bytes;
import io.solcial.multiformats.Cid;
import io.solcial.multiformats.InvalidMultiformatException;
import io.solcial.multiformats.Multicodec;
import io.solcial.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The DAG-PB codec (ipld specs/codecs/dag-pb) in its canonical form. The encoder sorts links
 * stably by name bytes and writes Links before Data. The decoder is strict: only the schema's
 * fields and wire types, PBLink fields in field order, no duplicates, a Hash on every link that
 * is a valid CID, minimal varints, UTF-8 names; Data may come before or after the Links (both
 * forms exist in IPFS) but not between them.
 */
public final class DagPb {
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_BYTES = 2;
    private static final Comparator<PbLink> BY_NAME_BYTES = (a, b) -> Arrays.compareUnsigned(
            a.nameOrEmpty().getBytes(StandardCharsets.UTF_8), b.nameOrEmpty().getBytes(StandardCharsets.UTF_8));

    private DagPb() {
    }

    /** Encodes {@code node} canonically (links sorted by name). */
    public static byte[] encode(PbNode node) {
        List<PbLink> sorted = new ArrayList<>(node.links());
        sorted.sort(BY_NAME_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (PbLink link : sorted) {
            writeBytesField(out, 2, encodeLink(link));
        }
        node.data().ifPresent(d -> writeBytesField(out, 1, d.toByteArray()));
        return out.toByteArray();
    }

    /** Encodes {@code node} into a dag-pb block with a CIDv1. */
    public static Block toBlock(PbNode node) {
        return Block.create(Multicodec.DAG_PB, encode(node));
    }

    private static byte[] encodeLink(PbLink link) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBytesField(out, 1, link.hash().toBytes());
        link.name().ifPresent(n -> writeBytesField(out, 2, n.getBytes(StandardCharsets.UTF_8)));
        if (link.tsize().isPresent()) {
            Varint.write(3 << 3 | WIRE_VARINT, out);
            Varint.write(link.tsize().getAsLong(), out);
        }
        return out.toByteArray();
    }

    private static void writeBytesField(ByteArrayOutputStream out, int field, byte[] value) {
        Varint.write((long) field << 3 | WIRE_BYTES, out);
        Varint.write(value.length, out);
        out.writeBytes(value);
    }

    /** Decodes a dag-pb block's bytes. */
    public static PbNode decode(byte[] bytes) throws BlockFormatException {
        try {
            return decodeNode(new ByteReader(bytes));
        } catch (InvalidMultiformatException e) {
            throw new BlockFormatException("invalid dag-pb: " + e.getMessage(), e);
        }
    }

    /** Decodes a block that must have the dag-pb codec. */
    public static PbNode decode(Block block) throws BlockFormatException {
        if (block.cid().codec() != Multicodec.DAG_PB) {
            throw new BlockFormatException("not a dag-pb block: " + block.cid());
        }
        return decode(block.bytes());
    }

    private static PbNode decodeNode(ByteReader in) throws BlockFormatException {
        List<PbLink> links = new ArrayList<>();
        Bytes data = null;
        boolean linksBeforeData = false;
        while (in.hasRemaining()) {
            long key = Varint.read(in);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (wire != WIRE_BYTES) {
                throw new BlockFormatException("invalid dag-pb: PBNode field " + field + " has wire type " + wire);
            }
            byte[] value = readLengthDelimited(in);
            if (field == 1) {
                if (data != null) {
                    throw new BlockFormatException("invalid dag-pb: duplicate Data");
                }
                data = Bytes.of(value);
            } else if (field == 2) {
                if (data == null) {
                    linksBeforeData = true;
                } else if (linksBeforeData) {
                    throw new BlockFormatException("invalid dag-pb: Links interleaved with Data");
                }
                links.add(decodeLink(value));
            } else {
                throw new BlockFormatException("invalid dag-pb: unknown PBNode field " + field);
            }
        }
        return new PbNode(links, Optional.ofNullable(data));
    }

    private static PbLink decodeLink(byte[] bytes) throws BlockFormatException {
        ByteReader in = new ByteReader(bytes);
        Cid hash = null;
        String name = null;
        Long tsize = null;
        int lastField = 0;
        while (in.hasRemaining()) {
            long key = Varint.read(in);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field <= lastField) {
                throw new BlockFormatException(field == lastField
                        ? "invalid dag-pb: duplicate PBLink field " + field
                        : "invalid dag-pb: PBLink fields out of order");
            }
            lastField = field;
            switch (field) {
                case 1 -> {
                    requireWire(wire, WIRE_BYTES, "Hash");
                    hash = decodeCid(readLengthDelimited(in));
                }
                case 2 -> {
                    requireWire(wire, WIRE_BYTES, "Name");
                    name = decodeUtf8(readLengthDelimited(in));
                }
                case 3 -> {
                    requireWire(wire, WIRE_VARINT, "Tsize");
                    tsize = Varint.read(in);
                }
                default -> throw new BlockFormatException("invalid dag-pb: unknown PBLink field " + field);
            }
        }
        if (hash == null) {
            throw new BlockFormatException("invalid dag-pb: link without Hash");
        }
        return new PbLink(hash, Optional.ofNullable(name),
                tsize == null ? OptionalLong.empty() : OptionalLong.of(tsize));
    }

    private static Cid decodeCid(byte[] raw) throws BlockFormatException {
        try {
            return Cid.decode(raw);
        } catch (InvalidMultiformatException e) {
            throw new BlockFormatException("invalid dag-pb: link Hash is not a CID: " + e.getMessage(), e);
        }
    }

    private static void requireWire(int wire, int expected, String field) throws BlockFormatException {
        if (wire != expected) {
            throw new BlockFormatException("invalid dag-pb: PBLink " + field + " has wire type " + wire);
        }
    }

    private static byte[] readLengthDelimited(ByteReader in) {
        return in.readBytes(Varint.readInt(in));
    }

    private static String decodeUtf8(byte[] bytes) throws BlockFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BlockFormatException("invalid dag-pb: link Name is not UTF-8", e);
        }
    }

    /** The CIDs a block links to: none for raw, its links for dag-pb. */
    public static List<Cid> links(Block block) throws BlockFormatException {
        if (block.cid().codec() == Multicodec.RAW) {
            return List.of();
        }
        return decode(block).links().stream().map(PbLink::hash).toList();
    }
}
