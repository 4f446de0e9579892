import RiskmapEngine
import RiskmapLanguage

/// What `riskmap sweep` and `riskmap backtest` say about their command lines and inputs.
extension CLIText {
    static func sweepProblem(_ problem: SweepAxis.Problem, _ lang: Lang) -> String {
        let head = "riskmap sweep: "
        let text: String
        switch problem {
        case .unknownParameter(let name, let suggestion?):
            text = lang.text(ru: "в книге правил нет параметра «\(name)»; возможно, имелся в виду «\(suggestion)»",
                             en: "the rule book has no parameter '\(name)'; did you mean '\(suggestion)'?")
        case .unknownParameter(let name, nil):
            text = lang.text(ru: "в книге правил нет параметра «\(name)» (параметры — в файлах правил, объявления «параметр»)",
                             en: "the rule book has no parameter '\(name)' (see the 'param' declarations of the rule files)")
        case .malformed(let arg):
            text = lang.text(ru: "не понятно «\(arg)»: перебор пишется ПАРАМЕТР=ОТ..ДО step ШАГ, например vpr_fail_max=15%..40% step 1%",
                             en: "cannot read '\(arg)': write PARAM=FROM..TO step STEP, e.g. vpr_fail_max=15%..40% step 1%")
        case .badNumber(let t):
            text = lang.text(ru: "«\(t)» — не число (пример: 25%, 0,5 или 2.5)", en: "'\(t)' is not a number (e.g. 25%, 0.5)")
        case .percentOnNumber(let p, let t):
            text = lang.text(ru: "параметр \(p) — не процент, а значение «\(t)» со знаком %; уберите %",
                             en: "parameter \(p) is not a percent, but '\(t)' has a % sign; drop the %")
        case .reversed(let p, let from, let to):
            text = lang.text(ru: "для \(p) начало \(from) больше конца \(to); поменяйте их местами",
                             en: "for \(p) the start \(from) is above the end \(to); swap them")
        case .badStep(let s):
            text = lang.text(ru: "шаг «\(s)» должен быть больше нуля", en: "the step '\(s)' must be above zero")
        case .outOfRange(let p, let v, let low, let high):
            text = lang.text(ru: "значение \(v) вне диапазона параметра \(p): \(low)...\(high) (диапазон — в объявлении параметра)",
                             en: "the value \(v) is outside parameter \(p)'s range \(low)...\(high) (declared with the parameter)")
        case .repeated(let p):
            text = lang.text(ru: "параметр \(p) указан дважды", en: "parameter \(p) is given twice")
        case .tooManyParameters:
            text = lang.text(ru: "перебирать можно один или два параметра", en: "a sweep takes one or two parameters")
        case .noParameter:
            text = lang.text(ru: "не указан параметр: riskmap sweep Rules Samples/tomsk.csv vpr_fail_max=15%..40% step 1%",
                             en: "no parameter given: riskmap sweep Rules Samples/tomsk.csv vpr_fail_max=15%..40% step 1%")
        case .tooManyPoints(let n):
            text = lang.text(ru: "слишком много точек: \(n) (не больше \(SweepAxis.maxPoints)); увеличьте шаг",
                             en: "too many grid points: \(n) (at most \(SweepAxis.maxPoints)); use a larger step")
        }
        return head + text + "\n" + seeHelp("sweep", lang)
    }

    static func sweepHelp(_ lang: Lang) -> String {
        lang.text(ru: """
            Использование: riskmap sweep [ПРАВИЛА] [ФАЙЛ_ШКОЛ] ПАРАМЕТР=ОТ..ДО [step ШАГ] [ПАРАМЕТР2=ОТ..ДО [step ШАГ]]
                           [--year 2025/26] [--format table|csv|json|html] [--out ФАЙЛ]

            Для каждого значения параметра (или пары значений двух параметров — сетка) считает школы в каждой
            группе и на каждом уровне (и «не определён») и показывает, какие школы меняются при каком значении.
            Значения — в единицах параметра: 25%, 0,5. Пересчитывается только то, что зависит от параметра.
            --format html — страница с графиком (для печати на A4); csv — для Excel; json — все изменения.
            По умолчанию: книга правил Rules/, школы Samples/tomsk.csv, последний учебный год файла.
            Пример: riskmap sweep Rules Samples/tomsk.csv vpr_fail_max=15%..40% step 1% --format html --out перебор.html

            """, en: """
            Usage: riskmap sweep [RULES] [SCHOOLS] PARAM=FROM..TO [step STEP] [PARAM2=FROM..TO [step STEP]]
                   [--year 2025/26] [--format table|csv|json|html] [--out FILE]

            For each value of a parameter (or each pair of values of two parameters: a grid) counts the schools
            in each group and at each level (and undetermined) and shows which schools change at which value.
            Values are in the parameter's unit: 25%, 0.5. Only what depends on the parameter is evaluated again.
            --format html: a page with a chart (A4 print); csv: for Excel; json: every change.
            Defaults: the rule book Rules/, the schools Samples/tomsk.csv, the file's latest school year.
            Example: riskmap sweep Rules Samples/tomsk.csv vpr_fail_max=15%..40% step 1% --format html --out sweep.html

            """)
    }
}
