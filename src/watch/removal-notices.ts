// What outlets and platforms write in place of an article they took down. Matched in
// the normal form (Simplified, half-width), so each phrase also finds its Traditional
// spelling (內容已刪除 → 内容已删除). Phrases of a page that was never there (页面不存在,
// 404) are not here: those pages are soft 404s, found by comparing with a probe.
export const REMOVAL_NOTICES: readonly string[] = [
  '该内容已被删除',
  '该内容已被发布者删除',
  '此内容已被删除',
  '内容已删除',
  '该文章已被删除',
  '文章已被删除',
  '此文章已被移除',
  '该文章已被移除',
  '该文章已下线',
  '文章已下线',
  '内容已下线',
  '根据相关法律法规',
  '根据相关法律法规和政策',
  '因违反相关规定',
  '此内容因违规无法查看',
  '该内容因违规',
  '由用户投诉并经平台审核',
  '作者已删除',
  '已被作者删除',
  '内容暂时无法查看',
  '该帖子已被删除',
  'this content has been removed',
  'this article has been removed',
];
