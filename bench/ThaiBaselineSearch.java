// The Elasticsearch `thai` analyzer baseline for bench/bench_thai_baseline.py: Lucene's
// ThaiAnalyzer (what ES's built-in `thai` analyzer is), BM25 with its defaults and the
// queries a plain ES site sends, run on Lucene itself. Single-file source, run with the
// Lucene jars (Debian's liblucene8-java):
//
//     java -cp '/usr/share/java/*' bench/ThaiBaselineSearch.java DOCS.tsv QUERIES.tsv [WEIGHTS]
//
// DOCS.tsv: identifier, then one column per field of WEIGHTS, in that order. QUERIES.tsv:
// query id, query text. Values are escaped (\\ \t \n \r), so a line is one record.
// WEIGHTS: field boosts, "title=3,meta=2,body=1,files=1" by default.
// Prints one JSON line per query: {"qid": ..., "<variant>": {"total": n, "hits": [ids]}}
// with the top 10 of each variant:
//   best_fields      multi_match best_fields, OR: dis_max (tie_breaker 0) of one boosted
//                    match query per field (ES's default multi_match)
//   most_fields      multi_match most_fields, OR: the sum of the same match queries
//   cross_fields     multi_match cross_fields, OR: per term, Lucene's BlendedTermQuery
//                    over the fields (dis_max rewrite); ES has its own, similar, blending
//   combined_fields  ES's combined_fields, OR: Lucene's BM25F query (BM25FQuery in 8.7,
//                    CombinedFieldQuery from 8.8), the query ES runs for it
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BM25FQuery;
import org.apache.lucene.search.BlendedTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

public class ThaiBaselineSearch {
    static final int TOP = 10;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ThaiBaselineSearch DOCS.tsv QUERIES.tsv [title=3,meta=2,body=1,files=1]");
            System.exit(2);
        }
        Map<String, Float> weights = parseWeights(args.length > 2 ? args[2] : "title=3,meta=2,body=1,files=1");
        List<String> fields = new ArrayList<>(weights.keySet());
        try (ThaiAnalyzer analyzer = new ThaiAnalyzer(); ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
            int docs = 0;
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (String line : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
                    if (line.isEmpty()) continue;
                    String[] cols = line.split("\t", -1);
                    if (cols.length != fields.size() + 1) {
                        throw new IllegalArgumentException("document line with " + cols.length + " columns, want "
                                + (fields.size() + 1) + ": " + line.substring(0, Math.min(80, line.length())));
                    }
                    Document doc = new Document();
                    doc.add(new StoredField("identifier", unescape(cols[0])));
                    for (int i = 0; i < fields.size(); i++) {
                        String text = unescape(cols[i + 1]);
                        if (!text.isEmpty()) doc.add(new TextField(fields.get(i), text, Field.Store.NO));
                    }
                    writer.addDocument(doc);
                    docs++;
                }
            }
            System.err.println("indexed " + docs + " documents, fields " + weights);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(new BM25Similarity());  // k1 1.2, b 0.75: ES's defaults
                QueryBuilder builder = new QueryBuilder(analyzer);  // what ES's match query extends
                for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
                    if (line.isEmpty()) continue;
                    String[] cols = line.split("\t", -1);
                    String qid = unescape(cols[0]);
                    String text = cols.length > 1 ? unescape(cols[1]) : "";
                    Map<String, Query> variants = new LinkedHashMap<>();
                    variants.put("best_fields", perField(builder, weights, text, false));
                    variants.put("most_fields", perField(builder, weights, text, true));
                    List<String> terms = analyze(analyzer, text);
                    variants.put("cross_fields", crossFields(weights, terms));
                    variants.put("combined_fields", combinedFields(weights, terms));
                    StringBuilder out = new StringBuilder("{\"qid\": ").append(json(qid));
                    for (Map.Entry<String, Query> v : variants.entrySet()) {
                        out.append(", ").append(json(v.getKey())).append(": ");
                        appendHits(out, searcher, v.getValue());
                    }
                    System.out.println(out.append('}'));
                }
            }
        }
    }

    static Map<String, Float> parseWeights(String spec) {
        Map<String, Float> weights = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            weights.put(kv[0], kv.length > 1 ? Float.parseFloat(kv[1]) : 1f);
        }
        return weights;
    }

    // best_fields: dis_max of the per-field match queries; most_fields: their sum.
    static Query perField(QueryBuilder builder, Map<String, Float> weights, String text, boolean sum) {
        List<Query> queries = new ArrayList<>();
        for (Map.Entry<String, Float> w : weights.entrySet()) {
            Query q = builder.createBooleanQuery(w.getKey(), text, BooleanClause.Occur.SHOULD);
            if (q != null) queries.add(w.getValue() == 1f ? q : new BoostQuery(q, w.getValue()));
        }
        if (queries.isEmpty()) return null;  // only stop words: ES's zero_terms_query "none"
        if (!sum) return new DisjunctionMaxQuery(queries, 0f);
        BooleanQuery.Builder bool = new BooleanQuery.Builder();
        for (Query q : queries) bool.add(q, BooleanClause.Occur.SHOULD);
        return bool.build();
    }

    static Query crossFields(Map<String, Float> weights, List<String> terms) {
        if (terms.isEmpty()) return null;
        BooleanQuery.Builder bool = new BooleanQuery.Builder();
        for (String term : terms) {
            BlendedTermQuery.Builder blended = new BlendedTermQuery.Builder()
                    .setRewriteMethod(new BlendedTermQuery.DisjunctionMaxRewrite(0f));
            for (Map.Entry<String, Float> w : weights.entrySet()) blended.add(new Term(w.getKey(), term), w.getValue());
            bool.add(blended.build(), BooleanClause.Occur.SHOULD);
        }
        return bool.build();
    }

    static Query combinedFields(Map<String, Float> weights, List<String> terms) {
        if (terms.isEmpty()) return null;
        BooleanQuery.Builder bool = new BooleanQuery.Builder();
        for (String term : terms) {
            BM25FQuery.Builder bm25f = new BM25FQuery.Builder();
            for (Map.Entry<String, Float> w : weights.entrySet()) bm25f.addField(w.getKey(), w.getValue());
            bool.add(bm25f.addTerm(new BytesRef(term)).build(), BooleanClause.Occur.SHOULD);
        }
        return bool.build();
    }

    // The query's terms (the same analyzer on every field), in order, without repeats.
    static List<String> analyze(Analyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (!t.isEmpty() && !terms.contains(t)) terms.add(t);
            }
            ts.end();
        }
        return terms;
    }

    static void appendHits(StringBuilder out, IndexSearcher searcher, Query query) throws IOException {
        if (query == null) {
            out.append("{\"total\": 0, \"hits\": []}");
            return;
        }
        TopDocs top = searcher.search(query, TOP);
        out.append("{\"total\": ").append(searcher.count(query)).append(", \"hits\": [");
        for (int i = 0; i < top.scoreDocs.length; i++) {
            ScoreDoc hit = top.scoreDocs[i];
            if (i > 0) out.append(", ");
            out.append(json(searcher.doc(hit.doc).get("identifier")));
        }
        out.append("]}");
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
