// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "riskmap",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "riskmap", targets: ["riskmap"]),
        .library(name: "RiskmapLanguage", targets: ["RiskmapLanguage"]),
        .library(name: "RiskmapEngine", targets: ["RiskmapEngine"]),
    ],
    targets: [
        // Everything unsafe or OS-specific, behind a few documented primitives: byte storage,
        // input files, output files, large buffers, column storage, parallel loops, tuning.
        .target(name: "RiskmapPlatform"),
        // The rule language: sources, lexer, parser, checker, diagnostics, formatter.
        .target(name: "RiskmapLanguage", dependencies: ["RiskmapPlatform"]),
        // Evaluation: school profiles (CSV), compiled rule book, explanations, outputs.
        .target(name: "RiskmapEngine", dependencies: ["RiskmapLanguage", "RiskmapPlatform"]),
        // Commands, options and exit codes; `main` only calls into this.
        .target(name: "RiskmapCLI", dependencies: ["RiskmapLanguage", "RiskmapEngine", "RiskmapPlatform"]),
        .executableTarget(name: "riskmap", dependencies: ["RiskmapCLI"]),
        // The side-by-side benchmark workload (generator and output format), shared by
        // riskmap-bench and the workload tests.
        .target(name: "RiskmapWorkload", dependencies: ["RiskmapEngine", "RiskmapLanguage", "RiskmapPlatform"], path: "Benchmarks/Sources/RiskmapWorkload"),
        .executableTarget(name: "riskmap-bench", dependencies: ["RiskmapWorkload", "RiskmapEngine", "RiskmapLanguage", "RiskmapPlatform"], path: "Benchmarks/Sources/riskmap-bench"),
        .testTarget(name: "RiskmapPlatformTests", dependencies: ["RiskmapPlatform"]),
        .testTarget(name: "RiskmapLanguageTests", dependencies: ["RiskmapLanguage", "RiskmapPlatform"], exclude: ["Golden"]),
        .testTarget(name: "RiskmapEngineTests", dependencies: ["RiskmapEngine", "RiskmapLanguage", "RiskmapPlatform", "RiskmapWorkload"], exclude: ["Golden"]),
        .testTarget(
            name: "RiskmapCLITests",
            dependencies: ["RiskmapCLI", "RiskmapEngine", "RiskmapLanguage", "RiskmapPlatform"],
            resources: [.copy("Golden")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
