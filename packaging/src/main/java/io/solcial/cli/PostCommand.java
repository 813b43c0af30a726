package io.solcial.cli;

import io.solcial.cli.control.ControlModels.Written;
import io.solcial.cli.control.UserActions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code solcial post --data DIR TEXT [--image FILE]... [--reply-to CID]}. */
@Command(name = "post", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Post (or reply) as the identity in --data DIR; prints 'posted: <entry CID>'.")
final class PostCommand extends UserCommand {
    @Parameters(index = "0", paramLabel = "TEXT", description = "The post's text (may be \"\" with --image).")
    String text;

    @Option(names = "--image", paramLabel = "FILE", description = "Attach a picture (repeatable).")
    List<Path> images = List.of();

    @Option(names = "--reply-to", paramLabel = "CID", description = "Reply to this entry.")
    String replyTo;

    @Override
    int run(UserActions actions, PrintWriter out) throws Exception {
        Written w = actions.post(text, images.stream().map(UserCommand::absolute).toList(), Optional.ofNullable(replyTo));
        out.println((replyTo == null ? "posted: " : "replied: ") + w.entry());
        return 0;
    }
}
