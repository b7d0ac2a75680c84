using RpmKernel.Evaluation.Retrieval;

namespace RpmKernel.Evaluation.Tests.Retrieval;

public sealed class Bm25IndexTests
{
    [Fact]
    public void Scores_match_okapi_bm25_computed_by_hand()
    {
        // Documents: d0 "cat cat dog" (3 tokens), d1 "dog bird" (2), d2 "fish" (1); avgdl = 2, N = 3.
        var index = new Bm25Index(["Cat cat, dog!", "dog bird", "fish"]);

        // idf(cat) = ln(2.5 / 1.5); tf 2 in d0 with norm 1 - 0.75 + 0.75 * 3/2 = 1.375.
        var idfCat = Math.Log(2.5 / 1.5);
        var expected = idfCat * 2 * 2.5 / (2 + (1.5 * 1.375));
        var scores = index.Scores("cat");

        Assert.Equal(expected, scores[0], 10);
        Assert.Equal(0, scores[1]);
        Assert.Equal(0, scores[2]);
    }

    [Fact]
    public void A_term_in_most_documents_gets_the_floored_idf_not_a_negative_one()
    {
        // "dog" is in 2 of 3 documents: ln(1.5 / 2.5) < 0, so its idf is 0.25 × the mean idf.
        var index = new Bm25Index(["cat dog", "dog bird", "fish"]);
        var idfs = new[] { Math.Log(2.5 / 1.5), Math.Log(1.5 / 2.5), Math.Log(2.5 / 1.5), Math.Log(2.5 / 1.5) };
        var floor = 0.25 * idfs.Average();

        var score = index.Scores("dog")[0];

        // d0 has 2 tokens, avgdl = 5/3: norm = 0.25 + 0.75 × 2 / (5/3) = 1.15.
        Assert.Equal(floor * 2.5 / (1 + (1.5 * 1.15)), score, 10);
        Assert.True(score > 0);
    }

    [Fact]
    public void Top_ranks_by_score_and_breaks_ties_by_position()
    {
        var index = new Bm25Index(["a heist in space", "a quiet romance", "a space heist crew plans a heist", "a romance", "a cooking show", "a nature film"]);

        // By hand (rank_bm25): d0 1.1294 > d2 1.0670 — length normalisation outweighs d2's second "heist";
        // d3 "a romance" 0.7389 > d1 "a quiet romance" 0.6402; the rest score 0 and keep file order.
        Assert.Equal(1.1293717578905342, index.Scores("space heist")[0], 10);
        Assert.Equal([0, 2, 1], index.Top("space heist", 3));
        Assert.Equal([3, 1], index.Top("romance", 2));
    }
}
