// include/octopos/tty.h: the console as a controlling terminal
// (kernel/tty.c, CONFIG_JOB_CONTROL). Callers test
// IS_ENABLED(CONFIG_JOB_CONTROL) first, so none of it is linked otherwise.
#ifndef OCTOPOS_TTY_H
#define OCTOPOS_TTY_H

struct proc;

void tty_init(void);
int  tty_check_read(void);         // 0, or -EIO (not our terminal) / -EINTR (background: SIGTTIN)
int  tty_check_write(void);        // 0, or -EIO
int  tty_intr_char(int c);         // the signal ^C, ^\ or ^Z sends, else 0
void tty_signal_fg(int sig);       // to the foreground process group
void tty_exit(struct proc *p);     // p is exiting: a session leader hangs up
void tty_hangup_input(void);       // console.c: drop unread input (a hangup)

#endif
