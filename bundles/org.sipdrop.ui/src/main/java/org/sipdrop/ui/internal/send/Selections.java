package org.sipdrop.ui.internal.send;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;

/** The files of a workbench selection (Project Explorer, Package Explorer…), as local paths. */
final class Selections {

    private Selections() {
    }

    /**
     * @return the local file of every selected element that adapts to a resource that is an {@link IFile} with a
     *         location on disk; other elements (folders, projects, contacts) are left out
     */
    static List<Path> files(ISelection selection) {
        List<Path> files = new ArrayList<>();
        if (selection instanceof IStructuredSelection) {
            for (Object element : ((IStructuredSelection) selection).toList()) {
                // a Java element adapts to its IResource (a compilation unit to its IFile), a file to itself
                IResource resource = Adapters.adapt(element, IResource.class);
                IPath location = resource instanceof IFile ? resource.getLocation() : null;
                if (location != null) {
                    files.add(location.toPath());
                }
            }
        }
        return files;
    }
}
