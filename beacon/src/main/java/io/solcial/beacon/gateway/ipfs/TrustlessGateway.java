package io.solcial.beacon.gateway.ipfs;

import io.solcial.beacon.gateway.http.HttpError;
import io.solcial.beacon.gateway.http.Request;
import io.solcial.beacon.gateway.http.Response;
import io.solcial.beacon.gateway.http.Router;
import io.solcial.beacon.gateway.model.ReaderBlockSource;
import io.solcial.beacon.gateway.model.RequestValues;
import io.solcial.content.Block;
import io.solcial.content.CarWriter;
import io.solcial.content.CorruptBlockException;
import io.solcial.content.StoreException;
import io.solcial.multiformats.Cid;
import io.solcial.node.SocialReader;
import java.util.List;
import java.util.Optional;

/**
 * An IPFS trustless gateway (specs: http-gateways/trustless-gateway) over the node's blocks:
 * {@code GET|HEAD /ipfs/{cid}} as a raw block ({@code application/vnd.ipld.raw}) or a CARv1
 * ({@code application/vnd.ipld.car}, {@code dag-scope}, {@code entity-bytes}, {@code dups}).
 * It is non-recursive: a block this node does not hold is a 404, never fetched from the network.
 * Content paths below the CID are not served (400).
 */
public final class TrustlessGateway {
    static final String CACHE_IMMUTABLE = "public, max-age=29030400, immutable";

    private final IpfsBlocks blocks;

    public TrustlessGateway(SocialReader reader) {
        this.blocks = new IpfsBlocks(new ReaderBlockSource(reader));
    }

    public void register(Router router) {
        router.get("/ipfs/{cid}", this::get);
        router.get("/ipfs/{cid}/{path...}", request -> {
            throw HttpError.badRequest("content paths are not supported here: request /ipfs/{cid} alone");
        });
    }

    Response get(Request request) throws HttpError, StoreException {
        Cid cid = RequestValues.cid(request.param("cid"));
        Format format = Format.of(request);
        Block root = root(cid);
        if (format instanceof Format.Car car) {
            return car(request, root, car);
        }
        String etag = "\"" + cid + ".raw\"";
        if (notModified(request, etag)) {
            return notModified(etag);
        }
        return common(Response.bytes(200, Format.RAW_TYPE, root.bytes()), request, cid, etag)
                .header("content-disposition", "attachment; filename=\"" + cid + ".bin\"");
    }

    private Response car(Request request, Block root, Format.Car car) throws HttpError {
        Optional<EntityBytes> range = request.query("entity-bytes").isPresent()
                ? Optional.of(EntityBytes.parse(request.query("entity-bytes").get())) : Optional.empty();
        DagScope scope = DagScope.of(request.query("dag-scope"), range.isPresent());
        if (scope == DagScope.ENTITY && range.isPresent()) {
            Optional<CarSelector.FileInfo> file = CarSelector.file(root);
            if (file.isPresent() && range.get().outside(file.get().size())) {
                throw HttpError.badRequest("entity-bytes " + range.get() + " is outside the file's "
                        + file.get().size() + " bytes");
            }
        }
        String etag = "\"" + root.cid() + ".car." + scope.label()
                + range.filter(r -> scope == DagScope.ENTITY).map(r -> "." + r.toString().replace(':', '_')).orElse("")
                + (car.dups() ? ".dups" : "") + "\"";
        if (notModified(request, etag)) {
            return notModified(etag);
        }
        Response response = Response.stream(200, car.contentType(), out -> {
            CarWriter writer = new CarWriter(out, List.of(root.cid()));
            new CarSelector(blocks, writer, car.dups()).write(root, scope, range.filter(r -> scope == DagScope.ENTITY));
            out.flush();
        });
        return common(response, request, root.cid(), etag)
                .header("content-disposition", "attachment; filename=\"" + root.cid() + ".car\"")
                .header("accept-ranges", "none");
    }

    private Block root(Cid cid) throws HttpError, StoreException {
        try {
            return blocks.get(cid).orElseThrow(() -> HttpError.notFound("block " + cid + " is not held by this gateway"));
        } catch (CorruptBlockException e) {
            throw new StoreException("stored block " + cid + " is corrupt", e);
        }
    }

    private static boolean notModified(Request request, String etag) {
        return request.header("if-none-match").filter(v -> v.equals(etag) || v.equals("*")).isPresent();
    }

    private static Response notModified(String etag) {
        return Response.bytes(304, "application/octet-stream", new byte[0])
                .header("etag", etag).header("cache-control", CACHE_IMMUTABLE);
    }

    private static Response common(Response response, Request request, Cid cid, String etag) {
        return response.header("etag", etag)
                .header("cache-control", CACHE_IMMUTABLE)
                .header("x-ipfs-path", request.path())
                .header("x-ipfs-roots", cid.toString())
                .header("vary", "Accept");
    }
}
