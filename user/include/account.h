// user/include/account.h: users, groups and passwords (user/lib/account.c).
//
// /etc/passwd  name:x:uid:gid:gecos:home:shell     (world-readable)
// /etc/group   name:x:gid:member,member            (world-readable)
// /etc/shadow  name:salt:hash                      (root only, 0600)
// hash is 64 hex digits: h = SHA-256(salt ":" password), then 999 times
// h = SHA-256(h salt password). A hash that is not 64 hex digits ("!")
// locks the account. account.c (lookups) and password.c + sha256.c
// (hashes) are linked only into the programs that need them.
#ifndef USER_ACCOUNT_H
#define USER_ACCOUNT_H

#define ACCOUNT_NAME   32
#define ACCOUNT_SALT   16          // hex digits
#define ACCOUNT_HASH   64          // hex digits
#define ACCOUNT_ROUNDS 1000

struct passwd_ent {
  char name[ACCOUNT_NAME];
  int uid, gid;
  char gecos[64];
  char home[MAXPATH];
  char shell[MAXPATH];
};

// Look a user up in /etc/passwd: 0, or -1 if absent or unreadable.
int  account_getpwnam(const char *name, struct passwd_ent *pw);
int  account_getpwuid(int uid, struct passwd_ent *pw);
// Name of group gid into buf (n bytes): 0 or -1. A group's gid, or -1.
int  account_group_name(int gid, char *buf, int n);
int  account_group_id(const char *name);
// 1 if password is name's password in /etc/shadow, else 0 (no such user,
// locked account, unreadable shadow: all just "no").
int  account_check_password(const char *name, const char *password);
// The hash of password with salt, as ACCOUNT_HASH hex digits and a NUL.
void account_hash(const char *salt, const char *password, char out[ACCOUNT_HASH + 1]);
// A fresh salt of ACCOUNT_SALT hex digits and a NUL.
void account_new_salt(char out[ACCOUNT_SALT + 1]);
// Set (or add) name's line in /etc/shadow; password NULL locks it. 0 or -1.
int  account_set_password(const char *name, const char *password);
// Replace path's contents with data (len bytes), atomically: a copy
// path.new with path's owner and mode is written, fsynced and renamed over
// path. 0, or -1 with path unchanged (a full disk, no FS_SYNC kernel).
int  account_replace(const char *path, const char *data, int len);
// Append a line (with its newline) to path, through account_replace. 0 or -1.
int  account_append(const char *path, const char *line);
// Call match(fields, n, arg) on each ':'-separated line of path until it
// returns 1; returns that 1, or 0. The fields live until the call returns.
int  account_scan(const char *path, int (*match)(char **f, int n, void *arg), void *arg);
// Whole file, NUL-terminated, malloc'd (caller frees); NULL on failure.
char *account_read_file(const char *path, int *len);
// The lowest free user id from 1000 up (one more than the largest).
int  account_next_uid(void);
// Become pw's user (group first, then user: setgid needs root), change to
// the home directory if home is set, and exec the user's shell. Returns
// -1 only on failure.
int  account_start_shell(const struct passwd_ent *pw, int home);
// Read a line from fd 0 without its newline; -1 at end of input.
int  account_readline(char *buf, int max);

#endif
