package io.solcial.cli;

import io.solcial.cli.control.ControlModels.FeedPage;
import io.solcial.cli.control.UserActions;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code solcial feed --data DIR [--limit N] [--before CURSOR] [--json]}. */
@Command(name = "feed", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Posts of the identity in --data DIR and of everyone it follows, newest first.")
final class FeedCommand extends UserCommand {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N posts (1-100, default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--before", paramLabel = "CURSOR", description = "The page after this cursor (printed as 'more:').")
    String before;

    @Option(names = "--json", description = "Print the page as JSON (the control API's shape).")
    boolean json;

    @Override
    int run(UserActions actions, PrintWriter out) throws Exception {
        FeedPage page = actions.feed(limit, Optional.ofNullable(before));
        if (json) {
            PostPrinter.json(page, out);
            return 0;
        }
        if (page.posts().isEmpty()) {
            out.println("(no posts yet: follow someone with 'solcial follow', or post with 'solcial post')");
        }
        PostPrinter.print(page.posts(), out);
        if (page.next() != null) {
            out.println("more: --before " + page.next());
        }
        return 0;
    }
}
