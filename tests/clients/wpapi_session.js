// A session of the unmodified `wpapi` client (node-wpapi) against a running Vellum site.
//
// Usage: node wpapi_session.js <site URL>
// Prints one JSON object: what the client answered for each step, for the Python test to check.
// Every request goes through the client's own route discovery and request builders.
'use strict';

const WPAPI = require('wpapi');

function summary(items) {
    return items.map((item) => ({ id: item.id, slug: item.slug, type: item.type }));
}

function paging(items) {
    const info = items._paging || {};
    return {
        total: info.total,
        totalPages: info.totalPages,
        next: info.links && info.links.next,
        prev: info.links && info.links.prev,
    };
}

async function surfacedError(request) {
    try {
        await request;
        return null;
    } catch (error) {
        return { code: error.code, message: error.message, status: error.data && error.data.status };
    }
}

async function main(siteUrl) {
    const wp = await WPAPI.discover(siteUrl);
    const report = { endpoint: wp._options.endpoint, namespaces: Object.keys(wp._ns) };

    const first = await wp.posts().perPage(5);
    const second = await first._paging.next;
    report.posts = { first: summary(first), paging: paging(first), second: summary(second) };
    report.secondPaging = paging(second);

    const post = await wp.posts().id(first[0].id);
    report.post = { id: post.id, title: post.title.rendered, link: post.link, author: post.author };

    const pages = await wp.pages().perPage(100).orderby('id').order('asc');
    report.pages = { items: summary(pages), paging: paging(pages) };

    const categories = await wp.categories().perPage(100);
    report.categories = summary(categories);
    const category = categories.reduce((best, term) => (term.count > best.count ? term : best));
    const inCategory = await wp.posts().categories(category.id).perPage(100);
    report.inCategory = { category: category.id, count: category.count, items: inCategory.map((p) => p.categories) };
    const tags = await wp.tags().perPage(100).orderby('count').order('desc');
    const tagged = await wp.posts().tags(tags[0].id).perPage(100);
    report.tagged = { tag: tags[0].id, count: tags[0].count, items: tagged.map((p) => p.tags) };

    const found = await wp.posts().search('labour').perPage(100);
    report.search = { total: found._paging ? found._paging.total : found.length, ids: found.map((p) => p.id) };
    const searched = await wp.search().search('labour').perPage(5);
    report.searchRoute = searched.map((hit) => ({ id: hit.id, type: hit.type, subtype: hit.subtype }));

    const users = await wp.users();
    report.users = users.map((user) => ({ id: user.id, slug: user.slug, keys: Object.keys(user).sort() }));
    const user = await wp.users().id(users[0].id);
    report.user = { id: user.id, slug: user.slug };

    const media = await wp.media().perPage(3);
    report.media = media.map((item) => ({ id: item.id, type: item.media_type, url: item.source_url }));
    const medium = await wp.media().id(media[0].id);
    report.medium = { id: medium.id, mime: medium.mime_type };

    // Custom post types exist on the client only because discovery found their routes in the index.
    report.hasEvents = typeof wp.events === 'function';
    const events = await wp.events().perPage(3);
    report.events = { items: summary(events), paging: paging(events) };
    report.event = summary([await wp.events().id(events[0].id)])[0];
    report.hasPartners = typeof wp.partners === 'function';
    if (report.hasPartners) {
        report.partners = summary(await wp.partners());
    }
    report.hasRegion = typeof wp.region === 'function';

    const embedded = await wp.posts().id(post.id).embed();
    const embeds = embedded._embedded || {};
    report.embed = {
        rels: Object.keys(embeds).sort(),
        author: embeds.author && embeds.author[0] && embeds.author[0].id,
        terms: (embeds['wp:term'] || []).map((group) => group.map((term) => term.id)),
    };

    report.missing = await surfacedError(wp.posts().id(999999));
    report.missingRoute = await surfacedError(wp.root('wp/v2/nothing-here'));
    return report;
}

main(process.argv[2]).then(
    (report) => process.stdout.write(JSON.stringify(report)),
    (error) => {
        process.stderr.write(`${error && error.stack ? error.stack : JSON.stringify(error)}\n`);
        process.exit(1);
    },
);
