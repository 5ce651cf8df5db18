/**
 * Content and space properties: JSON values stored under a key on a page, blog post, space or
 * whiteboard (v2). Fifteen operations of the same four shapes, built in
 * support/property-operations.ts; this file names them.
 */
import {
  createProperty,
  deleteProperty,
  listProperties,
  updateProperty,
  type PropertyOwner,
} from './support/property-operations.ts';

const PAGE: PropertyOwner = {
  resource: 'pages',
  what: 'page',
  ownerField: 'pageId',
  collection: '/pages/{owner}/properties',
  specCollection: '/pages/{page-id}/properties',
  exampleId: '65537',
};

const BLOGPOST: PropertyOwner = {
  resource: 'blogposts',
  what: 'blog post',
  ownerField: 'blogPostId',
  collection: '/blogposts/{owner}/properties',
  specCollection: '/blogposts/{blogpost-id}/properties',
  exampleId: '131073',
};

const SPACE: PropertyOwner = {
  resource: 'spaces',
  what: 'space',
  ownerField: 'spaceId',
  collection: '/spaces/{owner}/properties',
  specCollection: '/spaces/{space-id}/properties',
  exampleId: 'ENG',
};

const WHITEBOARD: PropertyOwner = {
  resource: 'whiteboards',
  what: 'whiteboard',
  ownerField: 'whiteboardId',
  collection: '/whiteboards/{owner}/properties',
  specCollection: '/whiteboards/{whiteboard-id}/properties',
  specCreateCollection: '/whiteboards/{id}/properties',
  exampleId: '196609',
  listable: false,
};

export const pagePropertyOperations = [
  listProperties(PAGE, {
    composioName: 'CONFLUENCE_GET_PAGE_CONTENT_PROPERTIES',
    operationId: 'getPageContentProperties',
  }),
  createProperty(PAGE, {
    composioName: 'CONFLUENCE_CREATE_PAGE_PROPERTY',
    operationId: 'createPageProperty',
  }),
  updateProperty(PAGE, {
    composioName: 'CONFLUENCE_UPDATE_PAGE_CONTENT_PROPERTY',
    operationId: 'updatePagePropertyById',
  }),
  deleteProperty(PAGE, {
    composioName: 'CONFLUENCE_DELETE_PAGE_CONTENT_PROPERTY',
    operationId: 'deletePagePropertyById',
  }),
];

export const blogPostPropertyOperations = [
  listProperties(BLOGPOST, {
    composioName: 'CONFLUENCE_GET_BLOG_POST_CONTENT_PROPERTIES',
    operationId: 'getBlogpostContentProperties',
  }),
  createProperty(BLOGPOST, {
    composioName: 'CONFLUENCE_CREATE_BLOGPOST_PROPERTY',
    operationId: 'createBlogpostProperty',
  }),
  updateProperty(BLOGPOST, {
    composioName: 'CONFLUENCE_UPDATE_BLOGPOST_PROPERTY',
    operationId: 'updateBlogpostPropertyById',
  }),
  deleteProperty(BLOGPOST, {
    composioName: 'CONFLUENCE_DELETE_BLOGPOST_PROPERTY',
    operationId: 'deleteBlogpostPropertyById',
  }),
];

export const spacePropertyOperations = [
  listProperties(SPACE, {
    composioName: 'CONFLUENCE_GET_SPACE_PROPERTIES',
    operationId: 'getSpaceProperties',
  }),
  createProperty(SPACE, {
    composioName: 'CONFLUENCE_CREATE_SPACE_PROPERTY',
    operationId: 'createSpaceProperty',
  }),
  updateProperty(SPACE, {
    composioName: 'CONFLUENCE_UPDATE_SPACE_PROPERTY',
    operationId: 'updateSpacePropertyById',
  }),
  deleteProperty(SPACE, {
    composioName: 'CONFLUENCE_DELETE_SPACE_PROPERTY',
    operationId: 'deleteSpacePropertyById',
  }),
];

/** Whiteboards have no property listing among the 62 operations. */
export const whiteboardPropertyOperations = [
  createProperty(WHITEBOARD, {
    composioName: 'CONFLUENCE_CREATE_WHITEBOARD_PROPERTY',
    operationId: 'createWhiteboardProperty',
  }),
  updateProperty(WHITEBOARD, {
    composioName: 'CONFLUENCE_UPDATE_WHITEBOARD_CONTENT_PROPERTY',
    operationId: 'updateWhiteboardPropertyById',
  }),
  deleteProperty(WHITEBOARD, {
    composioName: 'CONFLUENCE_DELETE_WHITEBOARD_CONTENT_PROPERTY',
    operationId: 'deleteWhiteboardPropertyById',
  }),
];
