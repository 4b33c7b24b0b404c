/* Preloaded into a listing's run: each of the first SHUFFLED_THREADS threads the
 * program starts waits a random 0 to MAX_DELAY_US microseconds before running.
 * Output whose line order depends on which thread runs first then comes out in
 * another order in most runs; output ordered by joins, channels or locks does not
 * change. Later threads start at once, so a listing that starts thousands of
 * threads is not slowed down. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

enum { SHUFFLED_THREADS = 64, MAX_DELAY_US = 2000 };

typedef int (*create_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *),
                         void *);

struct start {
    void *(*routine)(void *);
    void *argument;
    long delay_ns;
};

static atomic_uint started;

static void *delayed(void *raw) {
    struct start start = *(struct start *)raw;
    free(raw);
    struct timespec pause = {0, start.delay_ns};
    nanosleep(&pause, NULL);
    return start.routine(start.argument);
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attributes,
                   void *(*routine)(void *), void *argument) {
    static create_fn real;
    static _Thread_local unsigned seed;
    if (!real) {
        real = (create_fn)dlsym(RTLD_NEXT, "pthread_create");
    }
    if (atomic_fetch_add(&started, 1) >= SHUFFLED_THREADS) {
        return real(thread, attributes, routine, argument);
    }
    if (!seed) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        seed = (unsigned)now.tv_nsec ^ (unsigned)getpid() ^ (unsigned)(size_t)&seed;
    }
    struct start *start = malloc(sizeof *start);
    if (!start) {
        return real(thread, attributes, routine, argument);
    }
    start->routine = routine;
    start->argument = argument;
    start->delay_ns = (long)(rand_r(&seed) % (MAX_DELAY_US + 1)) * 1000L;
    int result = real(thread, attributes, delayed, start);
    if (result != 0) {
        free(start);
    }
    return result;
}
