package io.solcial.cli.control;

import io.solcial.cli.control.ControlModels.FeedPage;
import io.solcial.cli.control.ControlModels.Profile;
import io.solcial.cli.control.ControlModels.Status;
import io.solcial.cli.control.ControlModels.Written;
import java.util.List;
import java.util.Optional;

/**
 * What a user does with their node, whether it runs in this process or behind the control API.
 * Values are the API's text forms (CIDs, wallet addresses, absolute file paths) and are checked by
 * the node; a refusal is an {@link ActionException}. {@link #close()} ends the session.
 */
public interface UserActions extends AutoCloseable {

    /** A post, or a reply when {@code replyTo} names an entry; {@code images} are absolute file paths. */
    Written post(String text, List<String> images, Optional<String> replyTo) throws ActionException;

    Written like(String target) throws ActionException;

    Written unlike(String target) throws ActionException;

    Written follow(String author) throws ActionException;

    Written unfollow(String author) throws ActionException;

    /** At least one field; {@code avatar} is an absolute path of an image file. */
    Written updateProfile(Optional<String> name, Optional<String> bio, Optional<String> avatar) throws ActionException;

    /** Posts of the account and those it follows, newest first. */
    FeedPage feed(int limit, Optional<String> before) throws ActionException;

    /** {@code author}'s profile (the account's own when empty) with their newest posts. */
    Profile profile(Optional<String> author, int limit) throws ActionException;

    Status status() throws ActionException;

    @Override
    void close();
}
