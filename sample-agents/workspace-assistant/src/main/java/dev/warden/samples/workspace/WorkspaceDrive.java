package dev.warden.samples.workspace;

import dev.warden.samples.workspace.WorkspaceEnvironment.DriveFile;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The cloud-drive operations behind the drive tools, as AgentDojo's drive behaves. */
final class WorkspaceDrive {
    private WorkspaceDrive() {}

    static DriveFile find(WorkspaceEnvironment env, String id) {
        return env.cloudDrive.files.stream().filter(f -> f.id.equals(id)).findFirst().orElse(null);
    }

    static List<DriveFile> byName(WorkspaceEnvironment env, String name) {
        String q = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return env.cloudDrive.files.stream().filter(f -> f.filename.toLowerCase(Locale.ROOT).contains(q)).toList();
    }

    static List<DriveFile> byContent(WorkspaceEnvironment env, String query) {
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        return env.cloudDrive.files.stream().filter(f -> f.content.toLowerCase(Locale.ROOT).contains(q)).toList();
    }

    /** The new file is the assistant's writing: its content is never taken as the user's own words. */
    static String create(WorkspaceEnvironment env, String filename, String content) {
        DriveFile f = new DriveFile();
        f.id = env.nextFileId();
        f.filename = filename;
        f.content = content == null ? "" : content;
        f.owner = env.cloudDrive.accountEmail == null ? env.account() : env.cloudDrive.accountEmail;
        f.lastModified = now();
        f.origin = "assistant";
        env.cloudDrive.files.add(f);
        return WorkspaceViews.json(WorkspaceViews.file(env, f));
    }

    /** What the assistant appends is not the user's own words: the file stops being trusted as a whole. */
    static String append(WorkspaceEnvironment env, String id, String content) {
        DriveFile f = find(env, id);
        if (f == null) {
            return "no file with id " + id;
        }
        f.content = f.content + (content == null ? "" : content);
        f.lastModified = now();
        f.origin = "assistant";
        return WorkspaceViews.json(WorkspaceViews.file(env, f));
    }

    static String delete(WorkspaceEnvironment env, String id) {
        DriveFile f = find(env, id);
        if (f == null) {
            return "no file with id " + id;
        }
        env.cloudDrive.files.remove(f);
        return WorkspaceViews.json(WorkspaceViews.file(env, f));
    }

    static String share(WorkspaceEnvironment env, String id, String email, String permission) {
        DriveFile f = find(env, id);
        if (f == null) {
            return "no file with id " + id;
        }
        if (!"r".equals(permission) && !"rw".equals(permission)) {
            return "refused: permission is r or rw";
        }
        f.sharedWith.put(email, permission);
        return WorkspaceViews.json(WorkspaceViews.file(env, f));
    }

    private static String now() {
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
