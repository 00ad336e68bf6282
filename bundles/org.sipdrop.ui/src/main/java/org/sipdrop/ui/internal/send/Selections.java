package org.sipdrop.ui.internal.send;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;

/** The files of a workbench selection (Project Explorer, Package Explorer…), as local paths. */
final class Selections {

    private Selections() {
    }

    /**
     * @return the local file of every selected element that adapts to an {@link IFile} with a
     *         location on disk; other elements (folders, projects, contacts) are left out
     */
    static List<Path> files(ISelection selection) {
        List<Path> files = new ArrayList<>();
        if (selection instanceof IStructuredSelection) {
            for (Object element : ((IStructuredSelection) selection).toList()) {
                IFile file = Adapters.adapt(element, IFile.class);
                IPath location = file == null ? null : file.getLocation();
                if (location != null) {
                    files.add(location.toPath());
                }
            }
        }
        return files;
    }
}
