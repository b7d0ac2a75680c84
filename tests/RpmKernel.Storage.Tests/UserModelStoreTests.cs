namespace RpmKernel.Storage.Tests;

public sealed class UserModelStoreTests
{
    [Fact]
    public async Task A_model_round_trips_with_its_statistics()
    {
        using var s = await SqliteStorage.CreateAsync();
        var model = TestRecords.Model("u1", "lamp3");

        await s.Storage.UserModels.UpsertAsync(model);
        var back = await s.Storage.UserModels.GetAsync("u1", "lamp3");

        Assert.NotNull(back);
        Assert.Equal((model.UserId, model.Task, model.ItemCount, model.Model, model.BuiltAt), (back.UserId, back.Task, back.ItemCount, back.Model, back.BuiltAt));
        Assert.Equal(model.PromptVersions, back.PromptVersions);
        Assert.Equal(2, back.Factors.Count);
        var taste = back.Factors[0];
        Assert.Equal(("taste", "likes science fiction", 6, 0.5, 4.5, 0.5), (taste.Name, taste.Description, taste.Evidence, taste.Coverage, taste.MeanScore, taste.Lift));
        Assert.Equal(["genre", "theme"], taste.Members);
        Assert.Equal(0.75, taste.Propensity!["yes"]);
        var effort = back.Factors[1];
        Assert.Equal((0.6, 0.2, 0.4), (effort.Influence, effort.BaseRate, effort.Polarity));
        Assert.Null(effort.Propensity);
        Assert.Null(effort.MeanScore);
    }

    [Fact]
    public async Task Upserting_again_overwrites_the_model()
    {
        using var s = await SqliteStorage.CreateAsync();
        var store = s.Storage.UserModels;

        await store.UpsertAsync(TestRecords.Model("u1", "t", itemCount: 5));
        await store.UpsertAsync(TestRecords.Model("u1", "t", itemCount: 9));

        Assert.Equal(9, (await store.GetAsync("u1", "t"))?.ItemCount);
        Assert.Equal(1, await store.DeleteAsync("u1", "t"));
    }

    [Fact]
    public async Task A_user_that_was_never_ingested_has_no_model()
    {
        using var s = await SqliteStorage.CreateAsync();
        await s.Storage.UserModels.UpsertAsync(TestRecords.Model("u1", "t"));

        Assert.Null(await s.Storage.UserModels.GetAsync("u2", "t"));
        Assert.Null(await s.Storage.UserModels.GetAsync("u1", "other"));
    }

    [Fact]
    public async Task Delete_removes_one_task_or_every_task_of_one_user_only()
    {
        using var s = await SqliteStorage.CreateAsync();
        var store = s.Storage.UserModels;
        foreach (var (user, task) in new[] { ("u1", "t1"), ("u1", "t2"), ("u1", "t3"), ("u2", "t1") })
        {
            await store.UpsertAsync(TestRecords.Model(user, task));
        }

        Assert.Equal(1, await store.DeleteAsync("u1", "t1"));
        Assert.Null(await store.GetAsync("u1", "t1"));
        Assert.NotNull(await store.GetAsync("u1", "t2"));

        Assert.Equal(2, await store.DeleteAsync("u1"));
        Assert.Null(await store.GetAsync("u1", "t3"));
        Assert.NotNull(await store.GetAsync("u2", "t1"));
    }

    [Fact]
    public async Task Arguments_are_validated()
    {
        using var s = await SqliteStorage.CreateAsync();
        var store = s.Storage.UserModels;

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.UpsertAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(TestRecords.Model("", "t")));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync("u1", " "));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync("u1", ""));
    }
}
