// include/octopos/exec.h: replacing a process's image (kernel/exec.c).
#ifndef OCTOPOS_EXEC_H
#define OCTOPOS_EXEC_H

// Load the ELF at path with argv (kernel strings, NULL-terminated) into the
// current process. Returns argc (the new a0) or a negative error; on error
// the old image is untouched.
int kexec(const char *path, char **argv);

#endif
