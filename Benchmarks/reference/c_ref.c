/*
 * c_ref.c: riskmap's C reference for the benchmark workload (Benchmarks/WORKLOAD.md).
 *
 * A plain program that does by hand what `riskmap-bench run` does with the rule book in
 * Benchmarks/workload/: read the 27-column school CSV, decide the 10 risk factors, the
 * level and the measures of every school, and write `id,level,factors,actions` lines in
 * input order. Its output must be byte-identical to riskmap's (run.sh checks SHA-256);
 * its wall time is the "C floor" riskmap is compared with.
 *
 *   cc -std=c11 -O2 -o c_ref Benchmarks/reference/c_ref.c -lm
 *   ./c_ref IN.csv OUT.csv
 *
 * Four phases, each timed: read the file, parse it into one record per school, evaluate
 * every school (records in memory -> factor and measure sets in memory), write the output.
 * The phase times go to standard error as one line
 *   c_ref<TAB>schools<TAB>eval_s<TAB>prepare_s<TAB>parse_s<TAB>write_s
 * (prepare = building the measure tables; parse = read + parse), and are appended to the
 * file named by $BENCH_EVAL_LOG when it is set, the peers' log format.
 *
 * C11 and libc + libm only; one thread; no -ffast-math (NaN marks an empty cell).
 * This file is UTF-8: the school types below are compared as UTF-8 bytes.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- the input columns */

enum Column {
    ID, NAME, MUNICIPALITY, TYPE, RURAL, PUPILS, TEACHERS, AVG_CLASS_SIZE, TEACHER_LOAD,
    OVER_55, TOP_CATEGORY, VACANCIES, DISABILITIES, LOW_INCOME, BUSSED, DISTANCE,
    INTERNET, COMPUTERS, GROWTH_POINT, EGE_RUSSIAN, EGE_MATH, OGE_FAIL, VPR_LOW,
    VPR_FLAG, PARENT_ENGAGEMENT, EGE_RUSSIAN_PREV, EGE_MATH_PREV,
    COLUMN_COUNT
};

/* How a column is read: kept as text (not needed by the rules), one of the school
 * types, a yes/no value (1 / 0), or a number. */
enum Kind { TEXT, SCHOOL_TYPE, YES_NO, NUMBER };

static const struct {
    const char *name;
    enum Kind kind;
} COLUMNS[COLUMN_COUNT] = {
    [ID] = {"id", TEXT},
    [NAME] = {"name", TEXT},
    [MUNICIPALITY] = {"municipality", TEXT},
    [TYPE] = {"type", SCHOOL_TYPE},
    [RURAL] = {"rural", YES_NO},
    [PUPILS] = {"pupils", NUMBER},
    [TEACHERS] = {"teachers", NUMBER},
    [AVG_CLASS_SIZE] = {"avg_class_size", NUMBER},
    [TEACHER_LOAD] = {"teacher_load", NUMBER},
    [OVER_55] = {"share_teachers_over_55", NUMBER},
    [TOP_CATEGORY] = {"share_teachers_top_category", NUMBER},
    [VACANCIES] = {"vacancies", NUMBER},
    [DISABILITIES] = {"pupils_with_disabilities_share", NUMBER},
    [LOW_INCOME] = {"low_income_share", NUMBER},
    [BUSSED] = {"pupils_bussed", NUMBER},
    [DISTANCE] = {"distance_to_centre_km", NUMBER},
    [INTERNET] = {"internet_speed_mbps", NUMBER},
    [COMPUTERS] = {"computers_per_100_pupils", NUMBER},
    [GROWTH_POINT] = {"has_growth_point", YES_NO},
    [EGE_RUSSIAN] = {"ege_russian_avg", NUMBER},
    [EGE_MATH] = {"ege_math_profile_avg", NUMBER},
    [OGE_FAIL] = {"oge_fail_share", NUMBER},
    [VPR_LOW] = {"vpr_low_share", NUMBER},
    [VPR_FLAG] = {"vpr_objectivity_flag", YES_NO},
    [PARENT_ENGAGEMENT] = {"parent_engagement_index", NUMBER},
    [EGE_RUSSIAN_PREV] = {"ege_russian_avg_prev", NUMBER},
    [EGE_MATH_PREV] = {"ege_math_profile_avg_prev", NUMBER},
};

/* The values of the `type` column, as written in the file. */
enum { TYPE_SOSH, TYPE_OOSH, TYPE_GYMNASIUM, TYPE_LYCEUM, TYPE_COUNT };
static const char *const SCHOOL_TYPES[TYPE_COUNT] = {"СОШ", "ООШ", "гимназия", "лицей"};

/* One school: its id (pointing into the input text) and every other value the rules
 * read, by column. Yes/no values are 1 or 0, the type is its index in SCHOOL_TYPES;
 * an empty cell is NaN. Text columns other than the id are not kept. */
typedef struct {
    const char *id;
    size_t id_length;
    double value[COLUMN_COUNT];
} School;

/* ---------------------------------------------------------------- errors and clocks */

static const char *input_path = "";

static void fail_at(long line, enum Column column, const char *what) {
    fprintf(stderr, "c_ref: %s:%ld: column %s: %s\n", input_path, line, COLUMNS[column].name, what);
    exit(2);
}

static void fail(const char *what, const char *path) {
    fprintf(stderr, "c_ref: %s: %s\n", path, what);
    exit(2);
}

static double seconds_now(void) {
    struct timespec t;
    timespec_get(&t, TIME_UTC);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------- reading cells */

/* A plain decimal ("123", "12.3", "0.45", optionally with a leading '-') as the nearest
 * double: the digits make an exact integer (at most 15 of them, so below 2^53) and one
 * IEEE division by an exact power of ten rounds it correctly, as strtod would. */
static double read_number(const char *cell, size_t length, long line, enum Column column) {
    static const double POWERS_OF_TEN[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    size_t i = 0;
    bool negative = false;
    if (cell[0] == '-') { negative = true; i = 1; }
    uint64_t digits = 0;
    int digit_count = 0, decimals = -1; /* -1: no decimal point seen yet */
    for (; i < length; i++) {
        char c = cell[i];
        if (c >= '0' && c <= '9') {
            digits = digits * 10 + (uint64_t)(c - '0');
            digit_count++;
            if (decimals >= 0) decimals++;
        } else if (c == '.' && decimals < 0) {
            decimals = 0;
        } else {
            fail_at(line, column, "not a number");
        }
    }
    if (digit_count == 0) fail_at(line, column, "not a number");
    if (digit_count > 15) fail_at(line, column, "more than 15 digits");
    if (decimals > 6) fail_at(line, column, "more than 6 decimals");
    double value = (double)digits;
    if (decimals > 0) value /= POWERS_OF_TEN[decimals];
    return negative ? -value : value;
}

static double read_cell(const char *cell, size_t length, long line, enum Column column) {
    if (length == 0) return NAN; /* an empty cell: the value is missing */
    switch (COLUMNS[column].kind) {
    case TEXT:
        return NAN;
    case YES_NO:
        if (length == 1 && cell[0] == '1') return 1;
        if (length == 1 && cell[0] == '0') return 0;
        fail_at(line, column, "not 1 or 0");
        break;
    case SCHOOL_TYPE:
        for (int t = 0; t < TYPE_COUNT; t++)
            if (strlen(SCHOOL_TYPES[t]) == length && memcmp(SCHOOL_TYPES[t], cell, length) == 0)
                return t;
        fail_at(line, column, "unknown school type");
        break;
    case NUMBER:
        return read_number(cell, length, line, column);
    }
    return NAN;
}

/* ---------------------------------------------------------------- the rules */

/* The ten risk factors of Benchmarks/workload/20-factors.rules. The workload's rule for
 * missing data: a factor that reads an empty cell is not triggered, so every factor
 * first checks that all its cells are known. */
#define V(column) (s->value[column])
#define KNOWN(column) (!isnan(s->value[column]))

static bool f01_low_equipment(const School *s) {
    return KNOWN(COMPUTERS) && KNOWN(INTERNET) && KNOWN(GROWTH_POINT)
        && V(COMPUTERS) < 8.05 && (V(INTERNET) < 30.5 || V(GROWTH_POINT) == 0);
}

static bool f02_staff_deficit(const School *s) {
    return KNOWN(VACANCIES) && KNOWN(TEACHERS) && KNOWN(OVER_55) && KNOWN(TEACHER_LOAD)
        && (V(VACANCIES) / V(TEACHERS) > 0.1 || (V(OVER_55) > 45.05 && V(TEACHER_LOAD) > 28.05));
}

static bool f03_teacher_competence(const School *s) {
    return KNOWN(TOP_CATEGORY) && KNOWN(VPR_LOW) && KNOWN(OGE_FAIL)
        && V(TOP_CATEGORY) < 15.05 && (V(VPR_LOW) > 18.05 || V(OGE_FAIL) > 12.05);
}

static bool f04_academic_failure(const School *s) {
    return KNOWN(VPR_LOW) && KNOWN(OGE_FAIL) && KNOWN(LOW_INCOME)
        && (V(VPR_LOW) > 28.05 || (V(OGE_FAIL) > 16.05 && V(LOW_INCOME) > 35.05));
}

static bool f05_disabilities(const School *s) {
    bool gymnasium_or_lyceum = V(TYPE) == TYPE_GYMNASIUM || V(TYPE) == TYPE_LYCEUM;
    return KNOWN(DISABILITIES) && KNOWN(AVG_CLASS_SIZE) && KNOWN(TYPE)
        && (V(DISABILITIES) > 13.05 || (V(DISABILITIES) > 10.05 && V(AVG_CLASS_SIZE) > 25.05))
        && !gymnasium_or_lyceum;
}

static bool f06_parent_engagement(const School *s) {
    return KNOWN(PARENT_ENGAGEMENT) && KNOWN(BUSSED) && KNOWN(PUPILS)
        && (V(PARENT_ENGAGEMENT) < 0.285
            || (V(PARENT_ENGAGEMENT) < 0.425 && V(BUSSED) / V(PUPILS) > 0.3));
}

static bool f07_school_climate(const School *s) {
    return KNOWN(AVG_CLASS_SIZE) && KNOWN(TEACHER_LOAD) && KNOWN(PARENT_ENGAGEMENT) && KNOWN(VPR_LOW)
        && ((V(AVG_CLASS_SIZE) > 27.05 && V(TEACHER_LOAD) > 28.05)
            || (V(PARENT_ENGAGEMENT) < 0.405 && V(VPR_LOW) > 24.05));
}

static bool f08_low_results(const School *s) {
    if (!(KNOWN(EGE_RUSSIAN) && KNOWN(EGE_MATH) && KNOWN(EGE_RUSSIAN_PREV) && KNOWN(EGE_MATH_PREV)))
        return false;
    double trend = (V(EGE_RUSSIAN) - V(EGE_RUSSIAN_PREV)) + (V(EGE_MATH) - V(EGE_MATH_PREV));
    return (V(EGE_RUSSIAN) < 58.05 && V(EGE_MATH) < 45.05) || trend < -10.05;
}

static bool f09_social_conditions(const School *s) {
    return KNOWN(LOW_INCOME) && KNOWN(RURAL) && KNOWN(DISTANCE) && KNOWN(INTERNET)
        && (V(LOW_INCOME) > 42.05
            || (V(RURAL) == 1 && V(DISTANCE) > 100.05 && V(INTERNET) < 20.5));
}

static bool f10_objectivity(const School *s) {
    return KNOWN(VPR_FLAG) && KNOWN(VPR_LOW) && KNOWN(OGE_FAIL)
        && (V(VPR_FLAG) == 1 || (V(VPR_LOW) < 3.05 && V(OGE_FAIL) > 10.05));
}

#undef V
#undef KNOWN

enum { FACTOR_COUNT = 10 };
static bool (*const FACTORS[FACTOR_COUNT])(const School *) = {
    f01_low_equipment, f02_staff_deficit, f03_teacher_competence, f04_academic_failure,
    f05_disabilities, f06_parent_engagement, f07_school_climate, f08_low_results,
    f09_social_conditions, f10_objectivity,
};

/* The risk level (Benchmarks/workload/30-level.rules), by the number of triggered factors. */
static const char *level_name(int triggered) {
    return triggered >= 3 ? "high" : triggered >= 1 ? "medium" : "low";
}

/* The measures of Benchmarks/workload/40-measures.rules, A01..A23 in code order, with the
 * factors each one addresses (bit f-1 for factor Ff). A school gets every measure that
 * addresses at least one of its triggered factors. */
#define FACTOR(n) (1u << ((n) - 1))
enum { MEASURE_COUNT = 23 };
static const unsigned MEASURE_ADDRESSES[MEASURE_COUNT] = {
    /* A01 */ FACTOR(1),
    /* A02 */ FACTOR(1),
    /* A03 */ FACTOR(1),
    /* A04 */ FACTOR(2),
    /* A05 */ FACTOR(2),
    /* A06 */ FACTOR(2) | FACTOR(3),
    /* A07 */ FACTOR(3),
    /* A08 */ FACTOR(3) | FACTOR(8),
    /* A09 */ FACTOR(4),
    /* A10 */ FACTOR(4) | FACTOR(8),
    /* A11 */ FACTOR(4) | FACTOR(5) | FACTOR(7) | FACTOR(9),
    /* A12 */ FACTOR(5),
    /* A13 */ FACTOR(5),
    /* A14 */ FACTOR(6),
    /* A15 */ FACTOR(6),
    /* A16 */ FACTOR(7),
    /* A17 */ FACTOR(7),
    /* A18 */ FACTOR(8),
    /* A19 */ FACTOR(8),
    /* A20 */ FACTOR(9),
    /* A21 */ FACTOR(9),
    /* A22 */ FACTOR(10),
    /* A23 */ FACTOR(10),
};

/* The same table turned around, built once: the measures (bit m-1 for Am) of each factor. */
static uint32_t measures_of_factor[FACTOR_COUNT];

static void build_measure_tables(void) {
    for (int f = 0; f < FACTOR_COUNT; f++) {
        measures_of_factor[f] = 0;
        for (int m = 0; m < MEASURE_COUNT; m++)
            if (MEASURE_ADDRESSES[m] & (1u << f)) measures_of_factor[f] |= 1u << m;
    }
}

/* What the rules decide for one school. */
typedef struct {
    uint16_t factors;  /* bit f-1: factor Ff triggered */
    uint8_t triggered; /* how many factors are triggered */
    uint32_t measures; /* bit m-1: measure Am recommended */
} Result;

static Result evaluate(const School *s) {
    Result r = {0, 0, 0};
    for (int f = 0; f < FACTOR_COUNT; f++) {
        if (FACTORS[f](s)) {
            r.factors |= (uint16_t)(1u << f);
            r.triggered++;
            r.measures |= measures_of_factor[f];
        }
    }
    return r;
}

/* ---------------------------------------------------------------- input */

/* The whole file, with one extra byte for a final '\n' if the file lacks one. */
static char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) fail("cannot open", path);
    size_t capacity = 1 << 20, used = 0;
    char *text = malloc(capacity);
    for (;;) {
        if (!text) fail("out of memory", path);
        used += fread(text + used, 1, capacity - used - 1, f);
        if (used < capacity - 1) break;
        capacity *= 2;
        text = realloc(text, capacity);
    }
    if (ferror(f)) fail("cannot read", path);
    fclose(f);
    if (used == 0 || text[used - 1] != '\n') text[used++] = '\n';
    *size = used;
    return text;
}

/* Checks the header line (the 27 column names, in order); returns the first data line. */
static const char *check_header(const char *text, const char *end) {
    const char *cell = text;
    for (int c = 0; c < COLUMN_COUNT; c++) {
        size_t length = strlen(COLUMNS[c].name);
        char separator = c + 1 < COLUMN_COUNT ? ',' : '\n';
        if ((size_t)(end - cell) <= length || memcmp(cell, COLUMNS[c].name, length) != 0
            || cell[length] != separator) {
            fprintf(stderr, "c_ref: %s:1: expected column %d to be '%s'\n", input_path, c + 1,
                    COLUMNS[c].name);
            exit(2);
        }
        cell += length + 1;
    }
    return cell;
}

/* Parses every data line into `*schools`; returns the number of schools. The file has
 * no quoting (WORKLOAD.md): a comma always separates two cells. */
static size_t parse_schools(const char *text, const char *end, School **schools) {
    size_t capacity = 4096, count = 0;
    School *list = malloc(capacity * sizeof *list);
    long line = 1;
    const char *p = check_header(text, end);
    while (p < end) {
        line++;
        if (count == capacity) {
            capacity *= 2;
            list = realloc(list, capacity * sizeof *list);
        }
        if (!list) fail("out of memory", input_path);
        School *s = &list[count++];
        for (int c = 0; c < COLUMN_COUNT; c++) {
            const char *cell = p;
            while (*p != ',' && *p != '\n') p++;
            bool last = c + 1 == COLUMN_COUNT;
            if ((*p == '\n') != last)
                fail_at(line, (enum Column)c, last ? "more than 27 cells in the line" : "fewer than 27 cells in the line");
            size_t length = (size_t)(p - cell);
            if (c == ID) {
                if (length == 0) fail_at(line, ID, "empty school id");
                s->id = cell;
                s->id_length = length;
            }
            s->value[c] = read_cell(cell, length, line, (enum Column)c);
            p++; /* past the ',' or the '\n' */
        }
    }
    *schools = list;
    return count;
}

/* ---------------------------------------------------------------- output */

/* An output file written through a 1 MiB buffer. */
typedef struct {
    FILE *file;
    const char *path;
    char bytes[1 << 20];
    size_t used;
} Output;

static void flush(Output *out) {
    if (fwrite(out->bytes, 1, out->used, out->file) != out->used) fail("cannot write", out->path);
    out->used = 0;
}

static void put(Output *out, const char *bytes, size_t length) {
    if (out->used + length > sizeof out->bytes) flush(out);
    memcpy(out->bytes + out->used, bytes, length);
    out->used += length;
}

/* `letter` + the two-digit number of each set bit (bit i -> number i+1), ';'-separated:
 * "F02;F06", "A11;A14;A15". Ascending bits give ascending codes. */
static void put_codes(Output *out, char letter, uint32_t bits) {
    bool first = true;
    for (int i = 0; bits >> i; i++) {
        if (!(bits & (1u << i))) continue;
        char code[4] = {';', letter, (char)('0' + (i + 1) / 10), (char)('0' + (i + 1) % 10)};
        put(out, first ? code + 1 : code, first ? 3 : 4);
        first = false;
    }
}

static void write_results(const char *path, const School *schools, const Result *results, size_t count) {
    static Output out;
    out.file = fopen(path, "wb");
    out.path = path;
    out.used = 0;
    if (!out.file) fail("cannot create", path);
    put(&out, "id,level,factors,actions\n", 25);
    for (size_t i = 0; i < count; i++) {
        const char *level = level_name(results[i].triggered);
        put(&out, schools[i].id, schools[i].id_length);
        put(&out, ",", 1);
        put(&out, level, strlen(level));
        put(&out, ",", 1);
        put_codes(&out, 'F', results[i].factors);
        put(&out, ",", 1);
        put_codes(&out, 'A', results[i].measures);
        put(&out, "\n", 1);
    }
    flush(&out);
    if (fclose(out.file) != 0) fail("cannot write", path);
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: c_ref IN.csv OUT.csv\n");
        return 64;
    }
    input_path = argv[1];

    double t0 = seconds_now();
    build_measure_tables();
    double t_prepare = seconds_now();

    size_t size;
    char *text = read_file(argv[1], &size);
    School *schools;
    size_t count = parse_schools(text, text + size, &schools);
    double t_parse = seconds_now();

    Result *results = malloc((count ? count : 1) * sizeof *results);
    if (!results) fail("out of memory", argv[1]);
    for (size_t i = 0; i < count; i++) results[i] = evaluate(&schools[i]);
    double t_eval = seconds_now();

    write_results(argv[2], schools, results, count);
    double t_write = seconds_now();

    /* name, schools, eval, prepare, parse, write: the peers' log line (WORKLOAD.md §5). */
    char log_line[160];
    snprintf(log_line, sizeof log_line, "c_ref\t%zu\t%.6f\t%.6f\t%.6f\t%.6f\n", count,
             t_eval - t_parse, t_prepare - t0, t_parse - t_prepare, t_write - t_eval);
    fputs(log_line, stderr);
    const char *log_path = getenv("BENCH_EVAL_LOG");
    if (log_path && *log_path) {
        FILE *log = fopen(log_path, "a");
        if (log) { fputs(log_line, log); fclose(log); }
    }

    free(results);
    free(schools);
    free(text);
    return 0;
}
