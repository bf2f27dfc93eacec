import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { describeError } from '../errors';
import { href } from '../router';
import { formatMoney } from '../util';
import { WebCatalogDocument } from '../../../generated/graphql';

const PAGE_SIZE = 3;

/** Published courses: search (title and description) and cursor pagination. */
export function Catalog() {
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  // Cursors of the pages before this one; the last is this page's `after`.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    const id = window.setTimeout(() => {
      setSearch(input.trim());
      setCursors([null]);
    }, 250);
    return () => window.clearTimeout(id);
  }, [input]);

  const [result] = useQuery({
    query: WebCatalogDocument,
    variables: { first: PAGE_SIZE, after, search: search || null },
  });
  const connection = result.data?.courses;
  const page = cursors.length;
  const pages = connection ? Math.max(1, Math.ceil(connection.totalCount / PAGE_SIZE)) : 1;

  return (
    <div>
      <h1>Course catalog</h1>
      <input
        className="search"
        type="search"
        placeholder="Search courses…"
        aria-label="Search courses"
        value={input}
        onChange={(e) => setInput(e.target.value)}
      />
      {result.error && <p className="error">{describeError(result.error)}</p>}
      {connection && (
        <p className="muted small" data-testid="catalog-count">
          {connection.totalCount} course{connection.totalCount === 1 ? '' : 's'}
          {search ? ` matching “${search}”` : ''}
        </p>
      )}
      <div className="grid">
        {connection?.edges.map(({ node }) => (
          <a key={node.id} className="card course-card" href={href('course', node.id)}>
            <h3>{node.title}</h3>
            <p className="muted small">
              {node.level.toLowerCase()} · {node.instructor?.name ?? 'TBA'}
            </p>
            <p>{node.description}</p>
            <p className="small">
              <strong>{formatMoney(node.price)}</strong> ·{' '}
              <span className={node.seatsLeft === 0 ? 'full' : ''}>
                {node.seatsLeft === 0 ? 'full' : `${node.seatsLeft} of ${node.capacity} seats left`}
              </span>
            </p>
          </a>
        ))}
      </div>
      {connection && (
        <div className="pager">
          <button
            className="secondary"
            disabled={cursors.length <= 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            ← Previous
          </button>
          <span className="muted">
            Page {page} of {pages}
          </span>
          <button
            className="secondary"
            disabled={!connection.pageInfo.hasNextPage}
            onClick={() => setCursors((c) => [...c, connection.pageInfo.endCursor ?? null])}
          >
            Next →
          </button>
        </div>
      )}
    </div>
  );
}
