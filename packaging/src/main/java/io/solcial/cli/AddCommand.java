package io.solcial.cli;

import io.solcial.content.ImportedFile;
import io.solcial.content.UnixFsImporter;
import io.solcial.store.Database;
import io.solcial.store.H2Blockstore;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code solcial add FILE --data DIR}: imports a file as UnixFS (the layout of
 * {@code ipfs add --cid-version=1}) into a node's block store, pins it and prints its CID.
 */
@Command(name = "add", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Import a file into a node's store as UnixFS (CIDv1, raw leaves, 256 KiB chunks), pin it and print its CID.")
final class AddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The node's data directory (created if missing).")
    Path data;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new CliFailure("not a regular file: " + file);
        }
        long size = Files.size(file);
        Files.createDirectories(data);
        try (Database db = Database.openFile(data);
             H2Blockstore store = new H2Blockstore(db);
             InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
             TerminalProgress progress = TerminalProgress.start("adding", size)) {
            ImportedFile imported = new UnixFsImporter(store).importStream(in, progress::stepTo);
            store.pin(imported.root());
            progress.close();
            spec.commandLine().getOut().println(imported.root());
        }
        return 0;
    }
}
