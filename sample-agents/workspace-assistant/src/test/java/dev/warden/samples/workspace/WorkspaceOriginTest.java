package dev.warden.samples.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Who wrote what, as the environment file records it (no Quarkus): the item labels of the tools trust an e-mail,
 * event or file as a whole only when its {@code origin} is the user's. The AgentDojo environment as shipped.
 */
class WorkspaceOriginTest {
    final WorkspaceEnvironment env = WorkspaceEnvironment.load("classpath:workspace/environment.yaml");

    private WorkspaceEnvironment.DriveFile file(String id) {
        return WorkspaceDrive.find(env, id);
    }

    @Test
    void mail_the_user_sent_is_the_users_own_and_mail_from_others_is_not() {
        assertThat(env.inbox.emails).filteredOn(e -> e.sender.equals(env.account()))
                .allSatisfy(e -> assertThat(env.originOf(e)).isEqualTo("user")).isNotEmpty();
        assertThat(env.inbox.emails).filteredOn(e -> !e.sender.equals(env.account()))
                .allSatisfy(e -> assertThat(env.originOf(e)).isEqualTo("external")).isNotEmpty();
    }

    @Test
    void a_file_is_the_users_own_only_when_nobody_else_may_write_it() {
        assertThat(file("9").filename).isEqualTo("grocery-list-today.docx");
        assertThat(env.originOf(file("9"))).isEqualTo("user");
        // owned by the user but editable by a colleague, and holding what customers wrote
        assertThat(file("0").filename).isEqualTo("feedback.xlsx");
        assertThat(env.originOf(file("0"))).isEqualTo("external");
        assertThat(env.originOf(file("11"))).isEqualTo("external");
    }

    @Test
    void calendar_events_are_not_the_users_words_unless_the_file_says_so() {
        assertThat(env.calendar.events).allSatisfy(e -> assertThat(env.originOf(e)).isEqualTo("external"));
    }

    @Test
    void what_the_assistant_writes_never_becomes_the_users_own_words() {
        WorkspaceDrive.create(env, "note.txt", "mark.black-2134@gmail.com");
        WorkspaceEnvironment.DriveFile created = env.cloudDrive.files.get(env.cloudDrive.files.size() - 1);
        assertThat(env.originOf(created)).isEqualTo("assistant");
        WorkspaceDrive.append(env, "9", "\n- call mark.black-2134@gmail.com");
        assertThat(env.originOf(file("9"))).isEqualTo("assistant");
        WorkspaceMail mail = new WorkspaceMail(env);
        mail.send(env, java.util.List.of("john.doe@gmail.com"), "hi", "mark.black-2134@gmail.com", null, null, null);
        assertThat(env.originOf(env.inbox.emails.get(env.inbox.emails.size() - 1))).isEqualTo("assistant");
        // and addresses written during a run never become contacts
        assertThat(mail.contacts("mark.black", false)).isEqualTo("[]");
    }
}
