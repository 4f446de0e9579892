// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "riskmap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "riskmap", targets: ["riskmap"]),
        .library(name: "RiskmapLanguage", targets: ["RiskmapLanguage"]),
        .library(name: "RiskmapEngine", targets: ["RiskmapEngine"]),
    ],
    targets: [
        // The rule language: sources, lexer, parser, checker, diagnostics, formatter.
        .target(name: "RiskmapLanguage"),
        // Evaluation: school profiles (CSV), compiled rule book, explanations, outputs.
        .target(name: "RiskmapEngine", dependencies: ["RiskmapLanguage"]),
        // Commands, options and exit codes; `main` only calls into this.
        .target(name: "RiskmapCLI", dependencies: ["RiskmapLanguage", "RiskmapEngine"]),
        .executableTarget(name: "riskmap", dependencies: ["RiskmapCLI"]),
        // The side-by-side benchmark workload (generator and output format), shared by
        // riskmap-bench and the workload tests.
        .target(name: "RiskmapWorkload", dependencies: ["RiskmapEngine", "RiskmapLanguage"], path: "Benchmarks/Sources/RiskmapWorkload"),
        .executableTarget(name: "riskmap-bench", dependencies: ["RiskmapWorkload", "RiskmapEngine", "RiskmapLanguage"], path: "Benchmarks/Sources/riskmap-bench"),
        .testTarget(name: "RiskmapLanguageTests", dependencies: ["RiskmapLanguage"], exclude: ["Golden"]),
        .testTarget(name: "RiskmapEngineTests", dependencies: ["RiskmapEngine", "RiskmapLanguage", "RiskmapWorkload"], exclude: ["Golden"]),
        .testTarget(
            name: "RiskmapCLITests",
            dependencies: ["RiskmapCLI", "RiskmapEngine", "RiskmapLanguage"],
            resources: [.copy("Golden")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
