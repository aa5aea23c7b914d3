import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';

const QueuePage = lazy(() => import('./queue-page.js'));
const ReviewPage = lazy(() => import('./review-page.js'));

/** Pages of the publication area, mounted at /publication/*: the review queue and one case's review. */
export default function PublicationRoutes() {
  return (
    <Routes>
      <Route index element={<QueuePage />} />
      <Route path=":id" element={<ReviewPage />} />
    </Routes>
  );
}
