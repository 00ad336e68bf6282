package org.sipdrop.ui.tests;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.expressions.IEvaluationContext;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.ISources;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.sipdrop.ui.internal.SipDropPerspective;
import org.sipdrop.ui.internal.Views;
import org.sipdrop.ui.internal.views.TransfersView;

/** Workbench chores of the send/receive UI tests: workspace files, commands run with a selection, widgets found by text. */
final class Workbenches {

    private Workbenches() {
    }

    static IWorkbenchWindow window() {
        IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (w == null) {
            w = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        }
        return w;
    }

    /** @return the SipDrop perspective's page with the window at a fixed size, for comparable screenshots */
    static IWorkbenchPage sipDropPage() throws Exception {
        IWorkbenchWindow w = window();
        PlatformUI.getWorkbench().showPerspective(SipDropPerspective.ID, w);
        w.getShell().setBounds(0, 0, 1200, 780);
        return w.getActivePage();
    }

    static TransfersView transfersView() throws Exception {
        return (TransfersView) sipDropPage().showView(Views.TRANSFERS);
    }

    /** @return a workspace file with {@code content}, in project {@code project} (created when missing) */
    static IFile file(String project, String name, byte[] content) throws CoreException {
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(project);
        if (!p.exists()) {
            p.create(null);
        }
        if (!p.isOpen()) {
            p.open(null);
        }
        IFile f = p.getFile(name);
        if (f.exists()) { // a rerun of a failed test
            f.setContents(new ByteArrayInputStream(content), true, false, null);
        } else {
            f.create(new ByteArrayInputStream(content), true, null);
        }
        return f;
    }

    /** Runs a command as its menu item would, with {@code selection} as the current and the menu's selection. */
    static Object execute(String commandId, Map<String, String> parameters, StructuredSelection selection) throws Exception {
        IWorkbenchWindow w = window();
        ICommandService commands = w.getService(ICommandService.class);
        IHandlerService handlers = w.getService(IHandlerService.class);
        ParameterizedCommand command = ParameterizedCommand.generateCommand(commands.getCommand(commandId), parameters);
        IEvaluationContext context = handlers.createContextSnapshot(true);
        context.addVariable(ISources.ACTIVE_CURRENT_SELECTION_NAME, selection);
        context.addVariable(ISources.ACTIVE_MENU_SELECTION_NAME, selection);
        context.addVariable(ISources.ACTIVE_SHELL_NAME, w.getShell());
        return handlers.executeCommandInContext(command, null, context);
    }

    /**
     * Runs {@code action} on the first visible shell matching {@code match} once it appears, from
     * the event loop (a modal dialog's own loop included); polls a bounded number of times.
     */
    static void whenShellAppears(Display display, Predicate<Shell> match, Consumer<Shell> action, AtomicReference<Throwable> failure) {
        int[] polls = { 0 };
        Runnable poll = new Runnable() {
            @Override
            public void run() {
                for (Shell s : display.getShells()) {
                    if (!s.isDisposed() && s.isVisible() && match.test(s)) {
                        try {
                            action.accept(s);
                        } catch (Throwable t) {
                            failure.set(t);
                            s.close();
                        }
                        return;
                    }
                }
                if (++polls[0] < 1500) {
                    display.timerExec(20, this);
                } else {
                    failure.set(new AssertionError("the shell did not appear within 30 s"));
                }
            }
        };
        display.timerExec(20, poll);
    }

    /** @return the first button under {@code root} whose text, without mnemonics, is {@code text} */
    static Button button(Composite root, String text) {
        Button found = findButton(root, text);
        if (found == null) {
            throw new AssertionError("no button '" + text + "' in " + root);
        }
        return found;
    }

    private static Button findButton(Composite root, String text) {
        for (Control c : root.getChildren()) {
            if (c instanceof Button && ((Button) c).getText().replace("&", "").equals(text)) {
                return (Button) c;
            }
            if (c instanceof Composite) {
                Button b = findButton((Composite) c, text);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    /** Presses a push button as a click would. */
    static void press(Button b) {
        if (!b.isEnabled()) {
            throw new AssertionError("the button '" + b.getText() + "' is disabled");
        }
        b.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    /** Waits a bounded time while dispatching events. */
    static void waitFor(java.util.function.BooleanSupplier condition, String what) {
        UiWait.until(condition, Duration.ofSeconds(60), what);
    }
}
