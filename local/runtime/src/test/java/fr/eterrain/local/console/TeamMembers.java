package fr.eterrain.local.console;

import fr.eterrain.core.Platform;
import fr.eterrain.core.people.Person;
import fr.eterrain.local.TestStack;

/** An active person of a federation with a role, written as `make invite` does, ready to sign in with a code. */
final class TeamMembers {
    private TeamMembers() {
    }

    static String person(TestStack stack, String fed, String role, boolean send, String displayName) {
        Platform platform = new Platform(stack.settings());
        String email = TestStack.uniqueEmail(role);
        Person p = platform.people().bootstrap(fed, email, displayName, role, "test");
        if (p.send() != send) {
            platform.peopleStore().update(p.withRole(role, send, p.displayName()));
        }
        return email;
    }
}
