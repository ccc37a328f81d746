// Lucene's ThaiAnalyzer on a file of paragraphs (one a line): the reference speed for
// bench/bench_analysis.py and `manage.py thai_analyze --bench`. Single-file source,
// run with the Lucene jars (Debian's liblucene8-java):
//
//     java -cp '/usr/share/java/*' bench/ThaiAnalyzerBench.java FILE [ROUNDS]
//
// Prints one line per round, "chars <n> cpu_seconds <s> tokens <t>", after warm-up rounds
// that let the JIT compile (the caller takes the best round). CPU time of this thread,
// as the Python side measures process time: the machine is shared.
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

public class ThaiAnalyzerBench {
    public static void main(String[] args) throws Exception {
        List<String> paragraphs = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) paragraphs.add(line);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long chars = 0;
        for (String p : paragraphs) chars += p.length();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (ThaiAnalyzer analyzer = new ThaiAnalyzer()) {
            long warmUntil = System.nanoTime() + 3_000_000_000L;  // JIT warm-up: 3 s
            while (System.nanoTime() < warmUntil) run(analyzer, paragraphs);
            for (int r = 0; r < rounds; r++) {
                long start = mx.getCurrentThreadCpuTime();
                long tokens = run(analyzer, paragraphs);
                double seconds = (mx.getCurrentThreadCpuTime() - start) / 1e9;
                System.out.println("chars " + chars + " cpu_seconds " + seconds + " tokens " + tokens);
            }
        }
    }

    static long run(ThaiAnalyzer analyzer, List<String> paragraphs) throws Exception {
        long tokens = 0;
        for (String p : paragraphs) {
            try (TokenStream ts = analyzer.tokenStream("body", p)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                while (ts.incrementToken()) tokens += term.length() > 0 ? 1 : 0;
                ts.end();
            }
        }
        return tokens;
    }
}
